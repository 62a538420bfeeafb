"""Boilerplate removal: take out what a page wraps around a story, keep the story.

Line rules remove whole lines (captions, credits, embedded tweets, share prompts, "developing"
footers); inline rules remove credits inside a paragraph ("(AP Photo/Evan Vucci)"), the link and
signature of a tweet embedded in one, and short sentences of site furniture (newsletter prompts,
player messages: scrapes that flatten a page into one paragraph keep them between the story's
sentences). Every removed piece is returned so a user can see what was taken out.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from storyweave.clean.normalize import capitalise_start
from storyweave.nlp.dates import TIME_ZONE
from storyweave.nlp.sentences import TITLES

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_HANDLE_DATE = r"\(\s*@\w{1,15}\s*\)\s*" + _MONTH + r"\s+\d{1,2},\s*\d{4}"  # a tweet's "(@handle) March 2, 2017"
_SIGNATURE = r"\s*[-\u2013\u2014]\s*[^()\n\-\u2013\u2014]{0,60}" + _HANDLE_DATE  # "— Name (@handle) March 2, 2017"

# Whole lines that are never part of the story.
LINE_PATTERNS: dict[str, re.Pattern[str]] = {
    "caption": re.compile(
        r"^\s*(?:image|media|video|photo|picture|graphic)\s+(?:source|caption|copyright|credit)s?\b",
        re.IGNORECASE),
    "photo credit": re.compile(
        r"^\s*(?:\(?(?:photo|photograph|picture|image|video|file photo)s?(?:\s+by)?\s*[:/]"
        r"|credits?\s*:\s*[\w .-]+/"  # "Credit: Reuters/Nathanael Miller/U.S. Navy photo"
        r"|.{0,200}\b(?:via|/)\s*(?:Getty Images|AP Photo|Reuters|AFP|Shutterstock|EPA)\b.{0,40}$"
        r"|(?:Getty Images|AP Photo|AP|Reuters|AFP|EPA|PA Media|PA|Shutterstock|EPA-EFE)\s*$)",
        re.IGNORECASE),
    "embedded tweet": re.compile(
        r"pic\.twitter\.com/|\bpic twitter com\b|twitter\.com/\w+/status/|\bRT @\w{1,15}\s?:|" + _HANDLE_DATE
        + r"|\d{1,2}:\d{2}\s*[ap]m\s+ET\s+" + _MONTH + r"\s+\d{1,2},\s*\d{4}\s+RETWEET\b",  # a feed widget's tweet
        re.IGNORECASE),
    "developing-story footer": re.compile(
        r"^\s*(?:this (?:is a )?(?:story|article|report) (?:is |has been )?(?:developing|being updated|will be updated)"
        r"|this is a developing story|check back (?:later |soon )?for (?:more |further )?updates"
        r"|(?:breaking|developing)(?: news)?:?\s*$|more to come\.?\s*$)",
        re.IGNORECASE),
    "reporting credit": re.compile(
        r"^\s*\(?(?:with (?:a )?reports? from|(?:additional )?reporting by|editing by|writing by"
        r"|compiled by|contributing:|(?:the )?associated press contributed"
        r"|[\w .,'’-]{3,400}? contributed to this (?:report|story))",
        re.IGNORECASE),
    # a reporter's byline on a line of its own: "Matthew Price, BBC News, Haiti"
    "byline": re.compile(
        r"^\s*(?:By\s+)?(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s+"
        r"(?-i:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
        r"\s+(?:News|Online|Radio|correspondent|reporter)(?:,\s+(?-i:[A-Z][\w .'’-]{1,30}))?\s*$",
        re.IGNORECASE),
    "share or subscribe prompt": re.compile(
        r"^\s*(?:share (?:this|on)|share$|tweet$|email$|print$|subscribe\b|sign up\b|follow us\b"
        r"|click here\b|read more\b|related\s*:|more from\b|advertisement\s*$|story continues below"
        r"|recommended\s*:|watch\s*:|listen\s*:|(?:get|download) (?:the|our) app\b|copy link\b"
        r"|join the conversation|comments?\s*\(\d*\)\s*$|skip (?:to|advertisement)"
        r"|here(?: is|'s) what (?:we|you need to) know|here(?: are|'s| is) the latest\b"
        # a page's call for readers' stories: "Are you in Syria?", "Send us your comments ..."
        r"|are you (?:in|near|affected by) [\w .,'-]{2,40}\?\s*$|do you have friends or family (?:there|in\b)"
        r"|send us your (?:comments|pictures|photos|videos|experiences|stories)|if you have a large file)",
        re.IGNORECASE),
}

# The New York Times' prompt, an inline page prompt and, before the first word, an opening credit.
_CONTINUE_READING = r"(?:advertisement\s+)?continue reading the main story"

# Pieces of a paragraph that are not story text: credits, with their brackets; a tweet's picture
# link and its "— Name (@handle) Date" signature (the tweet's own words stay: where they end
# inside a paragraph is guesswork, and they are usually on the story).
INLINE_PATTERNS: dict[str, re.Pattern[str]] = {
    "inline credit": re.compile(
        r"\s*\((?:AP|AFP|Reuters|EPA|Getty)?\s*(?:Photo|Photograph|Image|Video)s?\s*(?:by|/|:)[^)]{0,80}\)"
        r"|\s*\[(?:photo|image|video)[^\]]{0,80}\]"
        # unbracketed, run into the text: "... ringed by booms Photograph: Gerald Herbert/AP The ..."
        r"|\s*\b(?-i:Photograph|Photo|Picture)s?:\s*(?-i:(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*/"
        r"(?:Associated Press|Getty Images|PA Wire|[A-Z][\w&-]*)|(?:Reuters|AP|AFP|EPA|Getty Images|Nasa|PA)\b)"
        # a photographer and the paper, in brackets: "(Bill O'Leary - The Washington Post)",
        # "(By Michael Fein -- Bloomberg News)"
        r"|\s*\((?-i:(?:By )?(?:[A-Z][\w.'’-]*\s+){1,3}-{1,2}\s+(?:The\s+)?(?:[A-Z][\w.'’&-]*\s+){0,3}"
        r"(?:Post|Times|News|Press|Reuters|AP|AFP|Bloomberg|Images|Photo|Photos|Journal|Herald|Tribune|Globe|EPA))\)",
        re.IGNORECASE),
    "embedded tweet": re.compile(
        r"\s*(?:(?:https?://)?pic\.twitter\.com/\w+|(?:https?://)?twitter\.com/\w+/status/\d+\S*)"
        r"(?:" + _SIGNATURE + r")?|" + _SIGNATURE,
        re.IGNORECASE),
    # A live blog's entry time before the entry: "(9:22 p.m. ET, 3:22 a.m. in Libya) Forces loyal ...",
    # "(Update 2:10 a.m. in Cairo, 7:10 p.m. ET) ...", "(Updated 7:40 p.m. (0240 in Egypt)) ...",
    # "(Update 3:31 p.m. Cairo, 8:31 a.m. ET) ..."
    "live-update time": re.compile(
        r"^\s*\((?:updated?:?\s*)?\d{1,2}[:.]\d{2}\s*[ap]\.?m\.?\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
        r"(?:" + TIME_ZONE + r"|in\s+[A-Z]\w+|\(\d{4} in [A-Z]\w+\)|[A-Z]\w+,)"
        r"[^()]{0,40}\)\s*"
        # ...or any "(Update 10 p.m. ET)", "(Updated at 3:47 p.m.)", "(Updated: 11:33 p.m. Sunday Libya; 4:33 p.m.
        # Sunday ET):", at a line's start, after a dash or after a colon ("... in Egypt: (Update 1:40 a.m. ...)")
        r"|(?:^\s*|(?<=: ))(?:--?\s*)?\(updated?:?\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?"
        r"[^()]{0,60}?(?:\(\d{4}[^()]{0,20}\))?\)\s*:?\s*", re.IGNORECASE),
    # A news agency's pickup note, where an updated version ("write-thru") rejoins the previous one:
    # the words that open the paragraph to pick up, then its number ("... said Saturday. Mitch _ once,
    # 2nd graf pvs", "The building, graf 5 pvs", "``No member, 5th graf, 1st Ld-Writethru").
    "wire pickup note": re.compile(
        r"(?:(?<=[.!?\"'”])\s+|^\s*)[^.!?\n]{0,60}?,?\s*\b(?:\d{1,2}(?:st|nd|rd|th)\s+grafs?|grafs?\s+\d{1,2})\b"
        r"(?:\s+(?:pvs|prv|prev|previous))?(?:,\s*\d{1,2}(?:st|nd|rd|th)\s+Ld-Writethru)?\s*$", re.IGNORECASE),
    # Page prompts glued to the story without punctuation in flattened scrapes ("Advertisement
    # Continue reading the main story BEIRUT, Lebanon — ..."): the prompt goes, the story stays.
    "page prompt": re.compile(
        r"\s*\b(?:" + _CONTINUE_READING +
        r"|media playback is (?:unsupported|not supported) on your device(?:\s+media caption)?"
        r"|image copyright\s+[\w .&/-]{1,40}?\s+image caption|story highlights|story continue[sd] below"
        r"|text size\s*[-\u2013]?\s*\+?\s*reset"
        r"|to order presentation-ready copies for distribution[^.]{0,160}?www\.djreprints\.com)\b",
        re.IGNORECASE),
}

# Sentences of site furniture, wherever they stand: a scrape that flattens a page into one paragraph
# keeps them between the story's sentences. Newsletter, notification and paywall prompts, reprint
# and copyright notices, error and video-player messages, social-embed prompts, comment-form hints,
# web-archive crawl notices. A sentence holding one of these phrases is removed whole if it is
# short (MAX_FURNITURE_WORDS): a long one is story text that happens to use the words.
FURNITURE_PHRASES = re.compile(r"\b(?:" + "|".join([
    r"(?:email|push) notifications?", r"your notification", r"notifications? (?:are|is) only sent",
    r"sign(?:ing|ed)? up for (?:our|the|a) (?:[\w-]+ ){0,2}newsletters?",
    r"subscribe to (?:our|the) (?:[\w-]+ ){0,2}newsletters?",
    r"thank you for (?:subscribing|signing up)", r"verification (?:email|message)", r"(?:spam|junk) folder",
    r"activate your (?:profile|account)", r"select a newsletter", r"(?:directly|delivered) to your inbox",
    r"breaking news (?:emails|alerts)", r"delivered (?:weekday|every) mornings?", r"add as an interest",
    r"unlimited digital access", r"sign up for digital access", r"best offer of the year",
    r"deliverable area",
    r"order reprints", r"presentation[- ]ready copies", r"personal,? non-?commercial use",
    r"may not be published,? broadcast,? rewritten,? or redistributed", r"all rights reserved",
    r"(?:403|404) (?:forbidden|not found)", r"javascript is disabled", r"enable javascript",
    r"javascript must be (?:turned on|enabled)", r"flash player",
    r"(?:this|the) (?:feature|video|media|content|page) is (?:not|no longer|currently not) available",
    r"please try again later", r"transcript could not be loaded", r"when the video has been rented",
    r"your browser (?:does not|doesn't) support",
    r"tweet with a location", r"tweet location history", r"add this (?:tweet|video) to your website",
    r"(?:delete|clear) your (?:tweet )?location history", r"switch location on/off",
    r"copying the code below", r"legacy twitter",
    r"appear next to all of your comments", r"will not appear anywhere on",
    r"we welcome comments", r"views expressed in the comments", r"comments are not pre-?screened",
    r"welcomes a lively and courteous discussion", r"required,? but will not be displayed",
    r"anything you post may be used", r"you've selected the [\w.]+ edition", r"your default edition",
    r"ultra-low latency infrastructure", r"approach to governance, risk and compliance",
    r"next generation legal research platform",  # a news agency's page advertising its products
    r"happy to be contacted by", r"leave a telephone number", r"your comments will be published",
    r"your contact details", r"when sending us (?:pictures|photos|videos?)",
    r"(?:opinions|views) expressed (?:here |in this (?:commentary|column|article|piece) )?"
    r"are (?:solely|his|her|their|those)",
    r"this discussion is (?:now )?closed", r"comments (?:are|have been) (?:now )?closed",
    r"web ?crawls?", r"crawl data", r"wayback machine", r"warc files?", r"(?:seed|seeds) for this crawl",
    r"crawls? (?:are|is) part of an effort to archive", r"crawls of supported", r"no more 404",
    r"this crawl (?:was|is)", r"crawl of outlinks", r"archive-it (?:service|partner)",
    r"(?:files|data) (?:is|are) currently not publicly accessible", r"web collections? curated by",
    r"please consider subscribing", r"our journalism", r"editor'?s note",
    r"send us an e-?mail", r"comments, suggestions or criticisms",  # a Q&A page's prompt
    r"verify you(?:'re| are) not a robot",
    r"newsletter sign ?up",
    # an aggregator's list of related links: "BP shares drop as ... - 1 hr ago"
    r"(?<=[-\u2013\u2014] )\d{1,2} (?:hrs?|mins?) ago",
    # a channel's promotion of its show: "Watch Anderson Cooper 360 weeknights 10pm ET."
    r"(?:^\s*|(?<=[.!?] )|(?<=[.!?]\" ))watch (?:[\w'.:-]+ ){1,6}"
    r"(?:weeknights|weekdays|nightly|(?:mon|tues|wednes|thurs|fri|satur|sun)days),? "
    r"(?:at )?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:et|pt|ct|gmt)",
    r"click (?:on )?the (?:link|button) below", r"(?:in|watch) the (?:\w+ )?video (?:above|below)",
    # photo captions: "In this Jan. 5, 2017, file photo, ...", "This undated photo provided by ..."
    r"in this (?:[\w.,'-]+ ){0,6}?(?:file |handout |undated )?(?:photo|image|picture|frame grab)",
    r"this (?:undated |handout |file )*(?:photo|image|picture|frame grab)(?: [\w.,'-]+){0,6}? "
    r"(?:shows|released|provided|made available|taken)", r"uploaded on",
    # ...and a wire photo's caption, its day and date set off by commas: "Sen. Dana Reyes arrives at the
    # Capitol in Washington, Tuesday, June 8, 2010, to testify."
    r"(?<=, )(?:mon|tues|wednes|thurs|fri|satur|sun)day, " + _MONTH + r" \d{1,2}, (?:19|20)\d\d(?=,)",
    # a newspaper's print and web stamps: "A version appeared on p17 of the Main section of the
    # Guardian on ...", "This article was published on guardian.co.uk at 19.23 BST on ..."
    r"a version (?:of this article )?appeared (?:on|in) (?:p|page )?\d*", r"this article was published on [\w.-]+ at",
    r"it was last (?:modified|updated) (?:at|on) \d+",
    # a live page's notes on itself, and a link's percent-encoded path ("co. uk% 2Finc% 2Flive")
    r"this live page", r"your comments may be published", r"(?:(?<=% )|(?<=%))2F\w*",
    # a comment section's rules, and what stands in for a comment taken down
    r"all posts are reactively-? ?moderated", r"(?:comment|post) was removed because the moderators",
]) + r")\b", re.IGNORECASE)
# A wire photo's caption, dated at its end: "A tourist walks past the pyramids at Giza, outside of
# Cairo March 5, 2011." (a sentence ends its date "on March 5, 2011"). Apart from the phrases
# above: its hint (", 2011.") is in many lines, and one small pattern is quick to try.
DATED_CAPTION = re.compile(r"(?:,|\b[A-Z][a-z]+)\s+" + _MONTH + r"\s+\d{1,2},\s+(?:19|20)\d\d\s*\.(?=\s|$)")
_CAPTION_HINT = re.compile(r"\d, (?:19|20)\d\d\s*\.")
MAX_FURNITURE_WORDS = 40
# "Jan. 5" and "the u.s. embassy" end nothing...
_SENTENCE_END = re.compile(r"(?<!\b[A-Za-z]\.[A-Za-z])"
                           # nor does a title before a name: "Rep. Joe Barton", "Gov. Jindal"
                           + "".join(rf"(?<!\b{title.capitalize()})" for title in sorted(TITLES | {"st"}))
                           + r"[.!?]+[\"')]*\s+(?!\d)")

# Words one of which a line must contain (lowercased) for an inline rule to be tried: scanning
# every paragraph with the patterns above cost more than all other cleaning together.
INLINE_HINTS: dict[str, tuple[str, ...]] = {
    "inline credit": ("photo", "image", "video", " - ", " -- "),
    "embedded tweet": ("twitter", "@"),
    "live-update time": (" et", " gmt", " bst", " utc", " est", " edt", " ct", " pt", " in ", "update"),
    "wire pickup note": ("graf",),
    "page prompt": ("continue reading", "media playback", "image copyright", "story highlights",
                    "story continue", "text size", "djreprints"),
    "site furniture": ("notification", "newsletter", "subscrib", "signing up", "verification", "folder",
                       "activate your", "inbox", "breaking news", "mornings", "add as an interest",
                       "digital access", "offer of the year", "deliverable", "reprint", "ready copies",
                       "commercial use", "redistributed", "rights reserved", "403", "404", "javascript", "flash player",
                       "available", "try again", "transcript", "rented", "browser", "tweet", "code below",
                       "comments", "appear anywhere", "courteous", "displayed", "you post", "edition",
                       "latency", "governance", "research platform", "contacted", "telephone number",
                       "contact details", "sending us", "opinions expressed", "views expressed", "discussion is",
                       "crawl", "wayback", "warc",
                       "photo", "image", "picture", "frame grab", "uploaded", "day, ", "below", "above", "location",
                       "journalism", "editor", "archive-it", "send us", "criticisms", "accessible", "curated", "robot", "watch ",
                       "moderat",
                       " ago", "version", "published on", "last modified", "last updated", "live page",
                       "%2f", "% 2f"),
}

# What a scrape leaves before the story's first word: a photo credit in brackets ("(rj sangosti,
# the denver post )", "(courtesy of ...)"), a "Photo: Getty" or "Buy photo" label, a credit
# ending in "via Getty Images" or "/Getty Images" ("[+] enlarge jim mcisaac/getty images"), or a
# page prompt (so that metadata inference finds the dateline behind it).
_OPENING_CREDIT = re.compile(
    r"^\s*(?:\([^()]{1,80}\)"
    r"|(?:photo|image|picture)s?(?:\s+credit)?\s*:"
    r"\s*(?:getty(?:\s+images)?|ap(?:\s+photo)?|reuters|afp|epa|shutterstock)\b"
    r"|by the [\w.&]+(?: [\w.&]+){0,3}? (?:wire )?staff\b"  # "By the CNN Wire Staff The Libyan ..."
    # "By Barbara Plett BBC UN correspondent The US accused ...", "By Gloria Borger, CNN Senior
    # Political Analyst Gloria Borger: ...": a byline with its desk
    r"|by (?-i:(?:[A-Z][\w'-]+,? ){2,3})(?:[\w.]+ ){0,3}?(?:correspondent|editor|reporter|analyst|writer)\b"
    # ...and the newsroom and place after it: "..., BBC News, northern Jordan Jordanian camps ..."
    r"(?-i:\s*,\s*(?:[A-Z][\w]*\s+)?News\b(?:\s*,\s*(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?"
    r"[A-Z][\w'-]+(?=\s+[A-Z]))?)?"
    r"|buy photo\b|[^.(),]{0,40}?(?:\bvia\s+|/)getty\s+images\b"
    r"|" + _CONTINUE_READING + r"\b)\s*",
    re.IGNORECASE)
MAX_CREDIT_WORDS = 10
MIN_STORY_WORDS = 12  # what follows a credit must be a story, not the rest of a caption

# A reader comment's stamp: "March 18, 2011 at 4:12 pm | Report abuse | Reply", "Posted by:
# bregenz | June 16, 2010 5:17 PM | Report abuse". Comments follow the story on the page, so the
# first stamp ends the story; the first comment's words stand before it.
_COMMENT_STAMP = re.compile(
    r"\d{1,2}:\d{2}\s*[ap]\.?m\.?[^|\n]{0,12}\|\s*(?:report abuse|reply)\b|\|\s*report abuse\b", re.IGNORECASE)
# ...or, twice on a page or more, a reader's stamp with no link after it: "March 2, 2011 at 4:17 pm |
# Stay out of it." (a blog's comment thread)
_READER_STAMP = re.compile(_MONTH + r"\s+\d{1,2},\s*\d{4}\s+at\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|", re.IGNORECASE)
MIN_READER_STAMPS = 2
# ...or the stamp that opens a comment: "At 18:20 29th Apr 2009, vampfan wrote: ..."
# (BBC's Have Your Say; also "At 07:45 pm on 14 Mar 2024, ..."), from where the story is over, though
# it stand mid-line...
_COMMENT_OPENER = re.compile(r"\bAt \d{1,2}:\d{2}\s*(?:[ap]m\s+)?(?:on\s+)?,?\s*\d{1,2}(?:st|nd|rd|th)?"
                             r"\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}\s*,\s*\S{1,40}\s+wrote\s*:")
# ...or, twice on a page or more, a stamp opening a line: "14th March 2024 - 19:45 Was anyone ..."
_OPENING_STAMP = re.compile(r"^\s*\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\s+\d{4}\s*[-\u2013|,]\s*\d{1,2}:\d{2}\s")
# ...and on a blog page with comments, the post's signature ends it: "By Chris Cillizza | September 16,
# 2008; 6:32 AM ET" (the Washington Post's blogs), the readers' comments after it
_POST_SIGNATURE = re.compile(r"\bBy [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*\|\s*[A-Z][a-z]+\.? \d{1,2},? "
                             r"\d{4}[;,]?\s+(?:at\s+)?\d{1,2}:\d{2}\s*[AaPp]\.?[Mm]\.?(?:\s*[A-Z]{2,3}T?)?")
MAX_SIGNED_LINES = 400  # lines before the first comment stamp a post's signature may stand
MIN_SIGNED_POST_WORDS = 40
# A commenter writes as "I" to "you"; a reporter's first and second persons stand inside quotes.
_COMMENT_VOICE = re.compile(r"\bI\b|\bus\b|\b(?i:i'm|i've|me|my|you|your|you're|we|our)\b|!!|\?\?")
_SPEAKER = re.compile(r"\s*[A-Z][A-Z .'-]{1,30}:")  # a transcript's "BLAIR: Well, we ..." is the story
MAX_COMMENT_LINES = 12  # lines before the first stamp that may be its comment

MAX_BOILERPLATE_WORDS = 60  # a line longer than this is story text, whatever it starts with
MAX_TWEET_WORDS = 80  # a tweet (280 characters) with its signature; a longer line is a paragraph holding one


def remove_boilerplate(text: str, title: str | None = None) -> tuple[str, list[str]]:
    """Return the text without boilerplate, and the pieces removed (each tagged with its rule).
    Line rules never take all of a text: where they would, only the inline rules apply (a
    scrape flattened into one line that opens with "Photo:", or a page that is one tweet)."""
    cleaned, removed = _remove(text, title, line_rules=True)
    if not cleaned and text.strip():
        cleaned, removed = _remove(text, title, line_rules=False)
    return cleaned, removed


def _remove(text: str, title: str | None, line_rules: bool) -> tuple[str, list[str]]:
    removed: list[str] = []
    kept: list[str] = []
    lines = text.split("\n")
    if line_rules and ("|" in text or " wrote" in text):  # the stamps' marks: a quick test first
        lines = _cut_comments(lines, removed)
    if line_rules:
        lines = _cut_stamped_comments(lines, removed)
    if line_rules:
        lines = _cut_at_comment_policy(lines, removed)
    counts = Counter(line.strip() for line in lines if line.strip())
    clock_stamped = _clock_stamped(lines)
    title_key = _key(title) if title else None
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        rule = None
        if line_rules:
            rule = _line_rule(stripped)
            if rule is None and title_key and _key(stripped) == title_key:
                rule = "repeated headline"
            if rule is None and counts[stripped] > 1 and len(stripped.split()) <= 12 and stripped in kept:
                rule = "repeated header"
        if rule == "embedded tweet" and stripped[0] in "-\u2013\u2014":
            _drop_tweet_body(kept, removed)
        if rule:
            removed.append(f"{rule}: {stripped}")
            continue
        if clock_stamped and (stamp := _CLOCK_STAMP.match(line)):
            removed.append(f"live-update time: {stamp.group().strip()}")
            line = line[stamp.end():]
        kept.append(_remove_inline(line, removed))
    opening = next((i for i, line in enumerate(kept) if line.strip()), None)
    if opening is not None and line_rules and _dated_caption(kept, opening):
        removed.append(f"photo caption: {kept[opening].strip()}")
        kept[opening] = ""
        opening = next((i for i, line in enumerate(kept) if line.strip()), None)
    if opening is not None:
        kept[opening] = remove_opening_credits(kept[opening], removed)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return cleaned, removed


# A live page's entry time in 24-hour digits before each entry ("1413 The US 82nd Airborne ...",
# "0919 GMT: International aid ..."): stripped where two lines of the page or more open on one and
# one of them at least can be no year (a chronology's lines open on years: "2004 Aristide ...").
_CLOCK_STAMP = re.compile(r"^\s*(?:[01]\d|2[0-3])[0-5]\d(?:\s*(?:" + TIME_ZONE + r"|local))?\s*:?\s+"
                          r"(?=[A-Z\"'“])")
MIN_CLOCK_STAMPS = 2


def _clock_stamped(lines: list[str]) -> bool:
    stamps = [int(m.group().strip()[:4]) for line in lines if (m := _CLOCK_STAMP.match(line))]
    return len(stamps) >= MIN_CLOCK_STAMPS and any(not 1800 <= stamp < 2100 for stamp in stamps)


# A photo caption that opens a page with its date ("June 4: Oil is seen gushing around the cap ...").
# A chronology's lines look the same, so only a first line that no other line resembles.
_DATED_LINE = re.compile(r"^(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\s?: [A-Z]")


def _dated_caption(lines: list[str], opening: int) -> bool:
    rest = [line for line in lines[opening + 1:] if line.strip()]
    return (bool(_DATED_LINE.match(lines[opening].strip())) and bool(rest)
            and not any(_DATED_LINE.match(line.strip()) for line in rest))


# A site's rules for its readers' comments open the comment section: "We welcome comments that
# advance the story through relevant opinion, anecdotes, links and data." (Reuters); so does the
# first reader's stamp low on the page.
_COMMENT_POLICY = re.compile(r"we welcome comments that advance|views expressed in the comments"
                             r"|comments are moderated|(?:leave|post|add) (?:a|your) comment\b"
                             # ...and so does a reader's stamp: "Re: Posted by Jason-May 1st, 2009 -- 4:59 pm GMT"
                             r"|^\s*(?:re\s*:\s*)?posted by\s+\S.{0,60}?\d{1,2}:\d{2}\s*[ap]\.?m\b",
                             re.IGNORECASE | re.MULTILINE)


def _cut_at_comment_policy(lines: list[str], removed: list[str]) -> list[str]:
    """The lines before a comment policy that stands after the first third of the page (higher up,
    it is a link to the comments, not their start); the policy's own line kept up to it."""
    total = sum(len(line) for line in lines)
    seen = 0
    for i, line in enumerate(lines):
        lowered = line.lower()  # every form of the policy holds one of these: a quick test first
        match = _COMMENT_POLICY.search(line) if "comment" in lowered or "posted by" in lowered else None
        if match and 3 * (seen + match.start()) >= total:
            head = line[:match.start()].rstrip()
            removed += [f"reader comments: {part.strip()}" for part in [line[match.start():], *lines[i + 1:]]
                        if part.strip()]
            return [*lines[:i], head] if head else lines[:i]
        seen += len(line)
    return lines


def _cut_stamped_comments(lines: list[str], removed: list[str]) -> list[str]:
    """The lines before the reader comments where each opens on its stamp (`_OPENING_STAMP`)."""
    opening = [i for i, line in enumerate(lines) if _OPENING_STAMP.match(line)]
    if len(opening) < MIN_READER_STAMPS:
        return lines
    removed += [f"reader comments: {line.strip()}" for line in lines[opening[0]:] if line.strip()]
    return lines[:opening[0]]


def _cut_comments(lines: list[str], removed: list[str]) -> list[str]:
    """The lines before the reader comments, if the page has them: from the first comment stamp
    on, and the lines before it that are its comment. Those are the earliest run of lines, ending
    at the stamp, of which at least half are in a commenter's voice (first or second person outside
    quotation marks, "!!"), opening with one such line."""
    stamped = sum(1 for line in lines if _READER_STAMP.search(line)) >= MIN_READER_STAMPS
    first = next((i for i, line in enumerate(lines) if _COMMENT_STAMP.search(line) or _COMMENT_OPENER.search(line)
                  or stamped and _READER_STAMP.search(line)), None)
    if first is None:
        return lines
    signed = next((i for i in range(first, max(-1, first - MAX_SIGNED_LINES), -1) if _POST_SIGNATURE.search(lines[i])),
                  None)
    if signed is not None and sum(len(line.split()) for line in lines[:signed]) < MIN_SIGNED_POST_WORDS:
        signed = None  # a byline atop the story, not a post's signature under it
    if signed is not None:  # a blog post's signature line ends the post: the comments follow it
        match = _POST_SIGNATURE.search(lines[signed])
        kept = lines[signed][: match.start()].rstrip()
        removed += [f"reader comments: {line.strip()}" for line in [lines[signed][match.start():], *lines[signed + 1:]]
                    if line.strip()]
        return [*lines[:signed], kept] if kept else lines[:signed]
    opener = _COMMENT_OPENER.search(lines[first])
    if opener:  # the comments start here
        kept = lines[first][: opener.start()].rstrip()
        removed += [f"reader comments: {line.strip()}" for line in [lines[first][opener.start():], *lines[first + 1:]]
                    if line.strip()]
        return [*lines[:first], kept] if kept else lines[:first]
    start, voiced, looked = first, 0, 0
    for i in range(first - 1, max(-1, first - 1 - MAX_COMMENT_LINES), -1):
        if not lines[i].strip():
            continue
        looked += 1
        if '"' not in lines[i] and not _SPEAKER.match(lines[i]) and _COMMENT_VOICE.search(lines[i]):
            voiced += 1
            if 2 * voiced >= looked:
                start = i
    removed += [f"reader comments: {line.strip()}" for line in lines[start:] if line.strip()]
    return lines[:start]


def remove_opening_credits(line: str, removed: list[str]) -> str:
    """The story's first line without the credits before its first word; that word capitalised
    if it was all lowercase (it now starts the story). Metadata inference calls it too, so that a
    dateline behind a credit is found."""
    taken = False
    while match := _OPENING_CREDIT.match(line):
        too_long = len(match.group().split()) > MAX_CREDIT_WORDS
        if too_long or len(line[match.end():].split()) < MIN_STORY_WORDS:
            break
        removed.append(f"opening credit: {match.group().strip()}")
        line, taken = line[match.end():], True
    return capitalise_start(line) if taken else line


# A section heading in capitals run into the paragraph it heads, as flattened pages keep it ("NEW
# CAP FOR THE WELL In June, engineers fitted ..."): three words in capitals or more, then a
# capitalised word and a lowercase word soon after. A dateline ("NEW ORLEANS -- Oil ...", "WASHINGTON
# (Reuters)") ends on punctuation, and text all in capitals has no lowercase word to go on with.
_HEADING = re.compile(r"^\s*(?:(?:[A-Z0-9][A-Z0-9'\u2019&./;-]*|[-\u2013\u2014,:;]+)\s+){3,16}"
                      r"(?=[A-Z][a-z]+(?:['\u2019]s)?[,;]?\s+\S*[a-z])")
MIN_HEADING_LETTERS = 10


def _remove_heading(line: str, removed: list[str]) -> str:
    match = _HEADING.match(line)
    if match is None:
        return line
    tokens = match.group().split()
    words = [w for w in tokens if sum(c.isalpha() for c in w) >= 2]
    if (len(words) < 3 or sum(c.isalpha() for c in match.group()) < MIN_HEADING_LETTERS
            or not tokens[-1].strip("-\u2013\u2014:")):
        return line  # a dateline ("SAN LUIS OBISPO -- The city ...") ends on its dash
    removed.append(f"section heading: {match.group().strip()}")
    return line[match.end():]


# A pull quote, as a flattened page keeps it: the words (repeated from the story), "End Quote", the
# speaker and a description, run into the next paragraph ('We must act now" End Quote Dana Reyes
# Port Alder mayor The council met ...'). That paragraph opens on a quotation mark or a word that
# opens sentences; where none shows where, its first sentence goes too.
_PULL_QUOTE = re.compile(r'^(?:.*?")?\s*End Quote\b')  # right after its closing mark, or opening the line
_AFTER_PULL_QUOTE = re.compile(r'(?<=\s)(?:"(?=[A-Z])|(?:It|The|He|She|They|We|This|There|In|On|At|As|After|When|While|'
                               r'But|Meanwhile|Earlier|Later|However)\b(?=,\s|\s+[a-z"]))')


def _remove_pull_quote(line: str, removed: list[str]) -> str:
    """The line without a pull quote opening it (see `_PULL_QUOTE`)."""
    match = _PULL_QUOTE.match(line)
    if not match:
        return line
    rest = line[match.end():]
    words = rest.split()
    opener = _AFTER_PULL_QUOTE.search(rest, len(rest) - len(rest.lstrip()) + len(" ".join(words[:2])))
    end = opener.start() if opener else (sentence.end() if (sentence := _SENTENCE_END.search(rest)) else len(rest))
    removed.append(f"pull quote: {(line[:match.end()] + rest[:end]).strip()}")
    return rest[end:].lstrip()


def _remove_inline(line: str, removed: list[str]) -> str:
    # Pieces first, then whole sentences: a prompt glued to a story sentence must not make the
    # sentence look like furniture ("... or visit www.djreprints.com federal regulators fined ...").
    if line[:2].isupper():
        line = _remove_heading(line, removed)
    if "End Quote" in line:
        line = _remove_pull_quote(line, removed)
    original = line
    lowered = line.lower()
    for name, pattern in INLINE_PATTERNS.items():
        if any(hint in lowered for hint in INLINE_HINTS[name]):
            def record(match: re.Match[str], name: str = name) -> str:
                removed.append(f"{name}: {match.group().strip()}")
                return ""
            line = pattern.sub(record, line)
            lowered = line.lower()
    if any(hint in lowered for hint in INLINE_HINTS["site furniture"]):
        line = _remove_furniture_sentences(line, removed)
    if _CAPTION_HINT.search(line):
        line = _remove_furniture_sentences(line, removed, DATED_CAPTION)
    opening = line.lstrip()
    if opening and not original.lstrip().startswith(opening[:40]):
        # What opened the line went, and with it the capital of the word now first ("Story
        # continued below the decision ...")
        line = capitalise_start(opening)
    return line


def _remove_furniture_sentences(line: str, removed: list[str], phrases: re.Pattern[str] = FURNITURE_PHRASES) -> str:
    """The line without its short sentences of site furniture (holding one of `phrases`)."""
    spans: list[tuple[int, int]] = []
    ends: list[int] | None = None  # where the line's sentences end, found once (a line may be megabytes)
    for match in phrases.finditer(line):
        if spans and match.start() < spans[-1][1]:
            continue  # inside a sentence already taken
        if ends is None:
            ends = [0] + [end.end() for end in _SENTENCE_END.finditer(line)] + [len(line)]
        after = bisect.bisect_right(ends, match.end() - 1)  # the first end beyond the phrase
        start, stop = ends[after - 1], ends[min(after, len(ends) - 1)]
        if start > match.start():  # the phrase itself holds a sentence end ("p.m. ")
            continue
        if len(line[start:stop].split()) <= MAX_FURNITURE_WORDS:
            spans.append((start, stop))
    if not spans:
        return line
    kept, position = [], 0
    for start, stop in spans:
        removed.append(f"site furniture: {line[start:stop].strip()}")
        kept.append(line[position:start])
        position = stop
    kept.append(line[position:])
    return "".join(kept).rstrip()


def _drop_tweet_body(kept: list[str], removed: list[str]) -> None:
    """A signature line "— Name (@handle) Date" closes a tweet whose text is the line before."""
    for i in range(len(kept) - 1, -1, -1):
        if kept[i].strip():
            if len(kept[i]) <= 300:
                removed.append(f"embedded tweet: {kept[i].strip()}")
                del kept[i]
            return


def _line_rule(line: str) -> str | None:
    words = len(line.split())
    for name, pattern in LINE_PATTERNS.items():
        if name == "embedded tweet":
            if words <= MAX_TWEET_WORDS and pattern.search(line):
                return name
        elif words <= MAX_BOILERPLATE_WORDS and pattern.search(line):
            return name
    return None


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
