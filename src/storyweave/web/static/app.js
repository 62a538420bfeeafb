// Job progress: poll the API and update the page. Text goes in with textContent, never as HTML.
(function () {
  const box = document.getElementById("job");
  if (!box) return;
  const id = box.dataset.job;
  const set = (sel, text) => { document.getElementById(sel).textContent = text; };
  function list(sel, items, link) {
    const ul = document.getElementById(sel);
    ul.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      if (link) { const a = document.createElement("a"); a.href = "/stories/" + encodeURIComponent(item); a.textContent = item; li.append(a); }
      else li.textContent = item;
      return li;
    }));
  }
  async function poll() {
    const response = await fetch("/api/jobs/" + encodeURIComponent(id));
    if (!response.ok) return;
    const job = await response.json();
    set("job-status", job.status); set("job-done", job.done); set("job-total", job.total);
    const bar = document.getElementById("job-progress");
    bar.max = job.total || 1; bar.value = job.done;
    set("job-counts", Object.entries(job.counts).map(([k, v]) => v + " " + k.replaceAll("_", " ")).join(", "));
    list("job-problems", job.problems, false);
    list("job-stories", job.stories, true);
    if (job.status === "queued" || job.status === "running") setTimeout(poll, 500);
  }
  poll();
})();
