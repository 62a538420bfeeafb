"""People and organisations, with aliases merged across articles and outlets.

Merging rules, each for a way outlets name the same one differently:
- titles are stripped to compare ("Mr Sessions", "Attorney General Jeff Sessions" -> "Sessions");
- a surname alone joins the one person of the story with that surname ("Sessions" -> Jeff Sessions);
  when two people share it, it joins the one named in the same article, or nearest before it;
- spelling and transliteration variants join ("Sergei"/"Sergey" Volkov, "Carraway"/"Caraway",
  "Gaddafi"/"Gadhafi"/"Khadaffi"/"Qaddafi": the same skeleton once doubled letters, an "h" after
  a consonant and the k-sounds are set aside);
- a surname alone that several people of the story share, named nowhere near in its article,
  joins the one the story names far more often ("Obama" -> Barack Obama, not "Prez Obama");
- nicknames join their full forms ("Mike"/"Michael", "Al"/"Alfonse": the `nicknames` package's table);
- acronyms join their expansions ("FBI" / "Federal Bureau of Investigation"; "EPA" as written,
  "CDC" without the country before it; "U.N. Security Council" / "United Nations Security
  Council"), an acronym of two expansions the one the story names more ("AP": Associated Press);
  "Justice Department" joins "Department of Justice", "the Pentagon" the Department of Defense, and
  "the Fed" the Federal Reserve;
- a company known by its first word joins the one organisation of the story whose name opens so
  ("Lehman" / "Lehman Brothers", "Merrill" / "Merrill Lynch"), a misspelt one the one it misspells
  ("Bear Sterns" / "Bear Stearns");
- an organisation's legal form and a title the tagger took in are no part of its name ("BP Plc" /
  "BP", "Coast Guard Rear Adm." / "Coast Guard"), nor a qualifier before a name that ends another
  ("US Coast Guard" / "Coast Guard");
- two people with one surname but different first names stay apart (John and Jane Smith).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from nicknames import NickNamer
from rapidfuzz.distance import JaroWinkler, Levenshtein
from wordfreq import zipf_frequency

from storyweave.model import Entity, Mention
from storyweave.nlp.entities import HONORIFICS, NAME_PARTICLES, ROLES

# not "King of Pop": a name follows a title (a hyphenated one whole: "Director-General")
_TITLE = re.compile(rf"^(?:(?:[A-Z][a-z]+-)?(?:{HONORIFICS})\.?\s+)+"
                    rf"(?=[A-Z]|(?:{'|'.join(sorted(NAME_PARTICLES))})\s+[A-Z])")  # "Mr. de Klerk"
_SUFFIX = re.compile(r",?\s+(?P<suffix>Jr|Sr|II|III|IV)\.?$")
# A sovereign's or a pope's title goes with the name they reign under, no surname: "King Hussein" is
# not Saddam Hussein, "Prince Charles" no Mr Charles.
_REGNAL_TITLE = re.compile(r"^(?:(?:Crown )?Prince|Princess|King|Queen|Emperor|Empress|Pope|Sultan|Emir|Sheikh?)\s+"
                           r"(?=[A-Z])")
_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}
_UNCLOSED_BRACKET = re.compile(r"\s*\([^)]*$")  # a bracket the tagger opened and never closed: "WHO (WHO"
_MINOR = {"of", "the", "and", "for", "&", "de", "la", "on", "in"}
SPELLING_SIMILARITY = 0.88  # Jaro-Winkler of two spellings of one name part
_CODE = re.compile(r"\b(?=\w*\d)(?=\w*[A-Za-z])\w+\b")  # "H5N1", "A380": a code, never a person's name
_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az)-")  # Arabic's article: "al-Assad" is "Assad"
_PARTICLE = re.compile(rf"^(?:{'|'.join(sorted(NAME_PARTICLES))})\s+")  # "de Klerk" is "Klerk"
DOMINANT = 3  # a namesake named this many times more often than every other is the one meant

# Nicknames the `nicknames` package's hand-curated table of English names lacks.
_MORE_NICKNAMES = {"katie": "katherine", "vlad": "vladimir", "sasha": "alexander"}


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=100_000)
def nickname_related(a: str, b: str) -> bool:
    """Is one given name the other's nickname ("Al", "Alfonse"), or are both nicknames of one
    name ("Bill", "Billy")? Lowercase names."""
    if _MORE_NICKNAMES.get(a) == b or _MORE_NICKNAMES.get(b) == a:
        return True
    table = _nicknamer()
    return b in table.nicknames_of(a) or a in table.nicknames_of(b) or bool(table.canonicals_of(a)
                                                                              & table.canonicals_of(b))


@lru_cache(maxsize=100_000)
@lru_cache(maxsize=100_000)
def bare_name(text: str) -> str:
    """A name without titles or possessive: "Attorney General Jeff Sessions's" -> "Jeff Sessions". A
    generational suffix stays, written one way ("Donald Trump Jr." -> "Donald Trump Jr"): beside
    "Donald Trump" in one story it names the son, not the father."""
    text = _UNCLOSED_BRACKET.sub("", text.strip())
    text = re.sub(r"['’]s?$", "", text)
    text = _SUFFIX.sub(r" \g<suffix>", text)
    text = _TITLE.sub("", text).strip()
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def same_spelling(a: str, b: str) -> bool:
    """One name part, spelled or transliterated two ways ("Sergei"/"Sergey", "Hayward"/"Haward"),
    or the same. Short names must be closer: "Graham" and "Grantham" are different people."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4:
        return False
    allowed = 1 if shorter < 7 else 2
    if Levenshtein.distance(a, b) <= allowed and JaroWinkler.similarity(a, b) >= SPELLING_SIMILARITY:
        return True
    return shorter >= 5 and Levenshtein.distance(skeleton(a), skeleton(b)) <= (0 if shorter < 7 else 1)


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """A name part as transliterations agree on it: lowercase, "h" after a consonant dropped,
    doubled letters single, the k-sounds one letter, a final "y" as "i"
    ("Khadaffi", "Gadhafi", "Qaddafi" -> "kadafi")."""
    name = re.sub(r"(?<=[^aeiou\W])h", "", name.lower())
    name = re.sub(r"(\w)\1+", r"\1", name)
    return re.sub(r"y$", "i", re.sub(r"[gqc]", "k", name))


def same_given_name(a: str, b: str) -> bool:
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if len(a) == 1 or len(b) == 1:  # an initial: "J. Sessions"
        return a[0] == b[0]
    return same_spelling(a, b) or nickname_related(a, b)


@lru_cache(maxsize=100_000)
def acronym_forms(name: str) -> frozenset[str]:
    """'Federal Bureau of Investigation' -> {'FBI'}; 'Department of Justice' -> {'DJ', 'DOJ'}."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if len(words) < 2:
        return frozenset()
    major = "".join(w[0] for w in words if w.lower() not in _MINOR).upper()
    every = "".join(w[0] for w in words if w.lower() not in {"the", "and", "&"}).upper()
    return frozenset({major, every})


# British spellings, written the American way: "organisation" -> "organization", "centre" ->
# "center", "defence" -> "defense", "labour" -> "labor", "programme" -> "program".
_BRITISH = [(re.compile(r"is(ation|e|ed|ing)\b"), r"iz\1"), (re.compile(r"([^aeiou])re\b"), r"\1er"),
            (re.compile(r"ence\b"), "ense"), (re.compile(r"our\b"), "or"), (re.compile(r"mme\b"), "m")]


def house_style(name: str) -> str:
    """The name lowercased, its British spellings written the American way."""
    name = name.lower()
    for pattern, american in _BRITISH:
        name = pattern.sub(american, name)
    return name


@lru_cache(maxsize=50_000)  # called for each mention in several places
def org_key(name: str, reorder: bool = True) -> str:
    """One form for "Justice Department" and "Department of Justice" (unless not `reorder`), "U.S."
    and "US", "BP Plc" and "BP" (a company's legal form), "Coast Guard Rear Adm." and "Coast Guard"
    (a title the tagger took in)."""
    name = _UNCLOSED_BRACKET.sub("", name.strip())
    name = re.sub(r"^the\s+", "", re.sub(r"['’]s?$", "", name), flags=re.IGNORECASE).replace(".", "")
    name = _TRAILING_TITLE.sub("", name) or name
    name = _LEGAL_FORM.sub("", name) or name
    agency = _AGENCY_WORDS.search(name)
    if agency and (agency.group().islower() or " " not in name[:agency.start()].strip()):
        name = name[:agency.start()] or name  # not "Middle East News Agency": the name of one, not "Middle East"
    match = re.match(r"^(?P<what>.+?)\s+(?P<kind>Department|Ministry|Agency|Bureau|Office|Commission)$", name)
    if match and reorder:
        # a country before the name stays before it: "US State Department", "US Department of State"
        country, _, rest = match.group("what").partition(" ")
        if rest and country.lower() in _QUALIFIERS:
            name = f"{country} {match.group('kind')} of {rest}"
        else:
            name = f"{match.group('kind')} of {match.group('what')}"
    key = " ".join(house_style(name).split())
    return _KNOWN_AS.get(key, key) if reorder else key


# Places that stand for the institution housed there, in news as in speech, and short names news
# gives an institution
_KNOWN_AS = {"pentagon": "department of defense", "scotland yard": "metropolitan police",
             "foggy bottom": "department of state", "fed": "federal reserve"}


_AGENCY_WORDS = re.compile(r"\s+news (?:agency|service)$", re.IGNORECASE)  # "AFP news agency", "Xinhua News Agency"
# A company's legal form (and "Group", "Holdings"), which a name may carry or leave out
_LEGAL_FORMS = "Plc|PLC|plc|Inc|Ltd|LLC|Co|Corp|Corporation|Group|Holdings|Limited|SA|AG|NV|GmbH"
_LEGAL_FORM = re.compile(rf",?\s+(?:{_LEGAL_FORMS})$")
_TRAILING_TITLE = re.compile(r"(?:\s+(?:Rear|Vice|Deputy|Chief|Acting))?\s+(?:Adm|Admiral|Gen|General|Lt|Col|Capt"
                             r"|Sgt|Secretary|Spokesman|Spokeswoman|Director|President|Chairman|Minister)$")


class _People:
    """Union of person mentions into people, each with its fullest name kept up to date."""

    def __init__(self) -> None:
        self.people: list[list[Mention]] = []
        self._full: list[Counter[str]] = []

    def add(self, mention: Mention, index: int | None = None) -> None:
        if index is None:
            self.people.append([])
            self._full.append(Counter())
            index = len(self.people) - 1
        self.people[index].append(mention)
        form = bare_name(mention.text)
        if len(form.split()) > 1:
            self._full[index][form] += 1

    def full_name_of(self, index: int) -> list[str]:
        forms = self._full[index]
        return forms.most_common(1)[0][0].split() if forms else []

    def find_full(self, parts: list[str]) -> int | None:
        for index in range(len(self.people)):
            full = self.full_name_of(index)
            if (full and same_spelling(surname(full), surname(parts)) and same_given_name(full[0], parts[0])
                    and _same_generation(full, parts) and _same_middle(full, parts)):
                return index
            # "Trump Jr" is the "Donald Trump Jr" of the story: a surname with its generation
            if (len(parts) == 2 and len(full) > 2 and generation(parts) and generation(full) == generation(parts)
                    and same_spelling(surname(full), parts[0])):
                return index
        return None


def merge_entities(mentions: list[Mention], texts: list[str]) -> list[Entity]:
    """Group mentions into entities, most mentioned first.

    `texts` are the story's article texts: a "name" that the story also writes in lowercase
    ("Neighbors", "State", "Swine Flu") is an ordinary word the tagger capitalised, not an
    entity; a "person" whose name holds a code of letters and digits ("H5N1") is a tagging slip.
    """
    texts = StoryTexts(texts)  # where each name is written, found once for all the rules below
    common = {w for text in texts for w in re.findall(r"(?<=[a-z,;] )[a-z][a-z'-]+", text)}
    lowercase = _written_in_lowercase({bare_name(m.text) for m in mentions if " " in bare_name(m.text)}, texts)
    lowercase |= _written_as_a_thing(
        {bare_name(m.text) for m in mentions if m.label == "PERSON" and " " not in bare_name(m.text)}, texts)
    # (an acronym the texts write in capitals within a sentence is no common word: "the WHO said", "US troops")
    acronyms = {name for name in {bare_name(m.text) for m in mentions if bare_name(m.text).isupper()}
                if name.lower() in common and _written_as_an_acronym({name}, texts)}
    mentions = [m for m in mentions if not (" " not in bare_name(m.text) and bare_name(m.text).lower() in common
                                            and bare_name(m.text) not in acronyms)
                and bare_name(m.text) not in lowercase
                and not (m.label == "PERSON" and _CODE.search(m.text))]
    mentions = _conjoined_apart(mentions)
    people = _merge_people([m for m in mentions if m.label == "PERSON"])
    others = _merge_by_key([m for m in mentions if m.label != "PERSON"])
    # A statistical tagger labels one name differently in different sentences ("Carraway" as a
    # person, then an organisation): names that match a person's join the person.
    # ...and a "person" that is only ever a name some other entity goes by ("Port Alder", tagged
    # once as a person, inside "Port Alder City Council") joins that entity.
    keyed = {org_key(m.text): group for group in others for m in group}
    for person in list(people):
        names = {org_key(m.text) for m in person}
        home = keyed.get(next(iter(names))) if len(names) == 1 else None
        if home is not None and len(home) > len(person):
            home.extend(person)
            people.remove(person)
    # A name another entity goes by that is a person's surname is that person ("photographer
    # Lynsey Addario", then nine times "Addario", tagged a place): their mentions count as the
    # person's, whatever the tagger called them. Not a place the texts put after "in" or "near"
    # ("Washington" beside George Washington); a one-word "person" spelled like such a place is
    # the place ("Zawiya" beside "Zawiyah").
    groups = list(people)
    fulls: dict[int, list[str]] = {}
    place_names = {bare_name(m.text) for m in mentions if m.label in _PLACES}
    for group in others:
        person = _matching_person(bare_name(group[0].text), people, fulls)
        forms = {bare_name(m.text) for m in group}
        if person is None:
            # the surname of several people of the story ("Slepian", tagged a nationality beside Dr.
            # Barnett Slepian and his wife) is someone's, whoever's it is
            if _surname_of_several(forms, people) and not _is_place(forms, texts):
                group = [replace(m, label="PERSON") for m in group]
                same = next((other for other in people if {bare_name(m.text) for m in other} == forms), None)
                if same is not None:  # ("Mrs. Slepian", "Dr. Slepian": as unsure whose)
                    same.extend(group)
                    continue
            groups.append(group)
            continue
        # (a pass over the texts: only for a possible surname)
        is_place = _is_place(forms, texts) or (all(m.label in _PLACES for m in group)
                                               and _listed_with_places(forms, texts, place_names))
        if is_place and all(" " not in bare_name(m.text) for m in person):
            groups = [other for other in groups if other is not person]
            people = [other for other in people if other is not person]
            groups.append(group + person)
        elif is_place:
            groups.append(group)
        elif _surname_of(forms, person) and len(group) <= SURNAME_SHARE * len(person):
            person.extend(replace(m, label="PERSON") for m in group)
        else:
            person.extend(group)
        fulls.pop(id(person), None)  # (its longest name may have changed)
    entities = [_entity(group) for group in _with_storms_named(groups)]
    for entity in entities:
        forms = {bare_name(m.text) for m in entity.mentions}
        if any(_STORM.fullmatch(form) for form in forms) or (
                all(" " not in form for form in forms) and _context_share(forms, texts, before=_STORM_BEFORE)[0]):
            entity.type = "EVENT"  # "Hurricane Mitch", "Mitch", whatever the tagger said
    for entity in (entity for entity in entities if entity.type in ("FAC", "LOC")):
        if any(_CORPORATE.search(bare_name(m.text)) for m in entity.mentions):
            entity.type = "ORG"  # a company the tagger took for its premises: "Halvorsen Chemicals"
    for entity in (entity for entity in entities if entity.type == "ORG"):
        forms = {bare_name(m.text) for m in entity.mentions}
        if all(" " not in form for form in forms) and (_written_as_a_named_thing(forms, texts, share_only=True)
                                                        or _spelt_out_in_lowercase(forms, texts)):
            entity.type = "PRODUCT"  # "the antiviral drugs Tamiflu and Relenza", "the blowout preventer (BOP)"
    sizes = any(_SIZE_WRITTEN.search(text) for text in texts)  # (once: most stories size nothing)
    for entity in (entity for entity in entities if entity.type in ("ORG", "PERSON")):
        forms = {bare_name(m.text) for m in entity.mentions}
        if _named_as_a_model(forms) or (sizes and _sized_and_plural(forms, texts)):
            entity.type = "PRODUCT"  # "iPhone", "Nvidia 9600M GT", "the 17-inch MacBook Pro" beside "MacBook Pros"
    # An "organisation" named like a person and introduced by a role ("ANC spokesman Thabo Masebe",
    # "said Ken Davies, the WFP's country director") is a person the tagger mislabelled.
    for entity in (entity for entity in entities if entity.type == "ORG"):
        if not any(m.text.lower().startswith("the ") for m in entity.mentions) and _introduced_by_a_role(
                {bare_name(m.text) for m in entity.mentions}, texts):  # ("the Cyberview Lodge" is nobody)
            entity.type = "PERSON"
    # A "person" known by one word alone (never a given name and surname) may be a tagger's slip
    # for a place, an organisation or a website: how the texts write the word tells.
    places = {bare_name(alias) for entity in entities if entity.type == "GPE" for alias in entity.aliases}
    for entity in (entity for entity in entities if entity.type in ("PERSON", "ORG")):
        if _written_as_a_town(entity, texts, places):
            entity.type = "GPE"  # "Cancun, Mexico", "La Ceiba, a coastal city of 40,000"
        elif feature := _named_for_its_landform(entity, texts):
            entity.type = "GPE" if feature in _SETTLED_LANDFORMS else "LOC"  # "the Alexander Valley"
    surnames = frozenset(entity.name.split()[-1] for entity in entities
                         if entity.type == "PERSON" and " " in entity.name)
    for entity in (entity for entity in entities if entity.type == "PERSON"):
        if any(_TITLE.match(m.text.strip()) for m in entity.mentions):
            continue  # "Mr. Obama", "President Obama": someone, however often "the Obama administration"
        forms = {bare_name(m.text) for m in entity.mentions}
        if all(_written_as_initials(form) for form in forms):
            entity.type = "ORG"  # "EYP MCF": no one's name
        elif _named_as_a_place(forms, texts):
            entity.type = "GPE"  # "the town of Khan Sheikhoun", "the Ghab region"
        elif _written_as_a_group(forms, texts, surnames):
            entity.type = "NORP"  # "Kurd" beside "Kurds", "Alawite Muslim" beside "between Alawites and Sunnis"
        elif any(" " in form for form in forms):
            if any(_CORPORATE.search(form) for form in forms):
                entity.type = "ORG"  # "GlaxoSmithKline Plc"
            elif _written_as_an_operation(forms, texts):
                entity.type = "EVENT"
            elif _written_with_the(forms, texts) or _written_after_someone_of(forms, texts):
                entity.type = "ORG"
        elif _written_as_a_place(forms, texts):
            entity.type = "GPE"
        elif _written_as_a_named_thing(forms, texts):
            entity.type = "PRODUCT"  # "the anesthetic Propofol", "Atom chips" (not a site: "run on Atom chips")
        elif (_written_as_an_acronym(forms, texts) or _written_as_a_site(forms, texts)
              or _written_as_a_web_address(forms, texts) or all(_CAMEL_CASE.fullmatch(form) for form in forms)):
            entity.type = "ORG"
    # Who the story is about is named by many of its articles: a host's name a transcript repeats
    # forty times ranks below one that a dozen reports use.
    return sorted(entities, key=lambda e: (-len(e.articles), -len(e.mentions), e.name))


_CONJOINED = re.compile(r"(?P<first>.+?)\s+(?:and|&)\s+(?P<second>.+)")


def _conjoined_apart(mentions: list[Mention]) -> list[Mention]:
    """A span the tagger ran over two names joined by "and" ("Facebook and Flickr", "Laci and
    Conner") is the two, where the story names each alone too; "Procter and Gamble", "Johnson &
    Johnson" (one name twice) and "Bosnia and Herzegovina" stay whole unless it does."""
    alone = Counter((bare_name(m.text), m.label) for m in mentions)
    label_of = {name: label for (name, label), _ in alone.most_common()[::-1]}  # each name's most common label
    apart = []
    for mention in mentions:
        found = _CONJOINED.fullmatch(mention.text)
        first, second = (bare_name(found["first"]), bare_name(found["second"])) if found else ("", "")
        if not found or first == second or first not in label_of or second not in label_of:
            apart.append(mention)
            continue
        second_start = mention.start + found.start("second")
        apart += [Mention(found["first"], label_of[first], mention.article_id, mention.start,
                          mention.start + len(found["first"])),
                  Mention(found["second"], label_of[second], mention.article_id, second_start, mention.end)]
    return apart


_STORM_WORDS = r"(?:Hurricane|Typhoon|Super\s+Typhoon|Cyclone|Superstorm|(?:Tropical|Subtropical|Winter)\s+Storm|Storm)"
_STORM = re.compile(rf"{_STORM_WORDS}\s+(?P<name>[A-Z][a-z]+)")
_STORM_BEFORE = re.compile(rf"\b{_STORM_WORDS}\s+$")


def _with_storms_named(groups: list[list[Mention]]) -> list[list[Mention]]:
    """A storm's name alone is the storm: "Mitch" (tagged a person) joins "Hurricane Mitch"."""
    storms = {match["name"]: group for group in groups for m in group if (match := _STORM.fullmatch(bare_name(m.text)))}
    if not storms:
        return groups
    kept = []
    for group in groups:
        forms = {bare_name(m.text) for m in group}
        storm = storms.get(next(iter(forms))) if len(forms) == 1 else None
        if storm is not None and storm is not group:
            storm.extend(group)
        else:
            kept.append(group)
    return kept


# A word with capitals inside it past a name's prefix ("GlaxoSmithKline", "PayPal"; not "McCain",
# "MacArthur", "DeSantis", "LaGuardia"): a brand, not a person.
_CAMEL_CASE = re.compile(r"(?!Mac|Van|Von|Del|Des|Della|Fitz)[A-Z][a-z]{2,}[A-Z]\w*")


# A company's legal form, or its line of business, ends its name ("Fitch Ratings").
_CORPORATE = re.compile(rf"\s(?:{_LEGAL_FORMS}|Incorporated|Ratings|Capital|Partners|Securities|Airlines|Motors"
                        r"|Petroleum|Investments|Pharmaceuticals|Industries|Technologies|Chemicals)\.?$")


# Where a text puts a place: "fighting in Misrata", "a base near Tikrit", "the city of Homs", "the
# center of Misrata", "two towns, Misrata and Zawiyah", "routes from Falluja", "a visit to Falluja"
# (not "according to"), "rebel-held Misrata".
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|outside|around|across|inside|into|throughout|from"
                                r"|(?<![Aa]ccording )to|"
                                r"(?:city|cities|town|towns|village|port|province|region|outskirts|centre|center"
                                r"|heart) of|(?:cities|towns|villages)\s*,"
                                # "rebel-held Misrata", "government-controlled Homs", "besieged Misrata"
                                r"|[\w]+-(?:held|controlled|occupied|run)|besieged)\s+$")


SURNAME_SHARE = 4  # a surname tagged otherwise is the person's when used at most this many times as often


def _is_place(forms: set[str], texts: list[str]) -> bool:
    """Do the texts put the name after "in" or "near" half the times or more?"""
    placed, named = _place_share(forms, texts)
    return named > 0 and placed * 2 >= named


def _surname_of_several(forms: set[str], people: list[list[Mention]]) -> bool:
    """Is this one-word name the surname of two people or more, each named in full?"""
    if len(forms) != 1 or " " in next(iter(forms)):
        return False
    name = next(iter(forms))
    named = [person for person in people if any(" " in bare_name(m.text) and surname(bare_name(m.text).split())
                                                == name for m in person)]  # (exactly: "the Slepians" is a family)
    return len(named) >= 2


def _surname_of(forms: set[str], person: list[Mention]) -> bool:
    """Are these one-word names the surname of a person named in full at least twice?"""
    full = [m for m in person if " " in bare_name(m.text)]
    return all(" " not in form for form in forms) and len(full) >= 2


def _written_as_a_place(forms: set[str], texts: list[str]) -> bool:
    """A one-word name the texts put after a place's preposition at least half the times they
    name it ("in Misrata"), or a third of the times where they never write it as someone's (with a
    title, or saying something): a small tagger's slip for a town it does not know ("the center of
    Misrata", "an assault on Misrata", "two western towns, Misrata and Zawiyah" beside "fighting in
    Misrata")."""
    placed, named = _place_share(forms, texts)
    return named >= 2 and (placed * 2 >= named or placed * 3 >= named and not _written_as_someone(forms, texts))


# Who someone is, and what they say: "Mr. Delgado", "Chief Delgado", "Delgado said", "Delgado, 45, told"
_TITLED = re.compile(rf"\b(?:{HONORIFICS})\.?\s+$")
_SAYING = re.compile(r"^(?:\s*,[^,.]{1,60},)?\s+(?:said|says|told|added|asked|wrote|declared|announced)\b")


def _written_as_someone(forms: set[str], texts: list[str]) -> bool:
    placed, _ = _context_share(forms, texts, before=_TITLED, after=_SAYING, reach=64)
    return placed > 0


# Where a text names a place for what it is: "the town of Khan Sheikhoun", "the Ghab region".
# (or before it, after a comma: "Gaza's second largest city, Khan Younis,")
_PLACE_NOUN_OF = re.compile(r"\b(?:city|town|village|port|province|region|district|governorate|suburb|outskirts"
                            r"|cities|towns|villages|provinces|regions|districts)"
                            r" of\s+$|\b(?:city|town|village|capital)\s*,\s+$")
_PLACE_NOUN_AFTER = re.compile(r"^\s+(?:region|province|district|governorate|valley|countryside|suburbs?|area)\b")


def _named_as_a_place(forms: set[str], texts: list[str]) -> bool:
    """A "person" that every time the texts name it is called a town, a region or the like (once
    will do: no one writes "the town of" before a person's name)."""
    placed, named = _context_share(forms, texts, before=_PLACE_NOUN_OF, after=_PLACE_NOUN_AFTER)
    return named >= 1 and placed == named


# ", a coastal city of 40,000", ", a town near ...", ", the capital." (not ", a city councilman", ", a
# district attorney": someone's job)
_TOWN_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|port|resort|capital|province"
                         r"|region|district|suburb)(?:\s+(?:of|in|on|near|north|south|east|west|that|where|with)\b"
                         r"|\s*[,.;)])")


# "14 miles north-northeast of Healdsburg", "southwest of Cancun": a bearing is taken from a place.
_DIRECTION_OF = re.compile(r"\b(?:north|south|east|west)(?:-?(?:north|south)?-?(?:east|west)?)?\s+of\s+$",
                           re.IGNORECASE)
# (the two end differently, "north of " and "city of " or "city, ", so no window holds both)
_BEARING_OR_PLACE_NOUN = re.compile(f"(?i:{_DIRECTION_OF.pattern})|{_PLACE_NOUN_OF.pattern}")
TOWN_CONTEXT = 40  # characters around a name where what it is, is said


def _written_as_a_town(entity: Entity, texts: list[str], places: set[str]) -> bool:
    """A "person" or "organisation" the texts call a town ("La Ceiba, a coastal city", "the city of
    Khan Younis") or take a bearing from ("north of Healdsburg"), or a
    one-word "person" they write before its country or state ("south of Cancun, Mexico"; not
    "Imperial College, London", nor a full name: "Steve Perry, Pittsburgh"), a third of the times
    or more they name it: a place the tagger did not know."""
    forms = {bare_name(m.text) for m in entity.mentions}
    one_word_person = entity.type == "PERSON" and all(" " not in form for form in forms)
    known = sorted(place for place in places if place not in forms and place[:1].isupper()) if one_word_person else []
    # the country ends the phrase: not "Garcia, Mexico City's mayor", "Smith, Texas Republican"
    country = re.compile(rf",\s+(?:{'|'.join(map(re.escape, known))})(?:\s*[,.;:)]|\s+(?:on|in|at|and|where|when"
                         r"|after|before|to|from|was|is|has|had|were|are)\b)") if known else None
    # one pass over the texts, each context counted apart
    placed = named = 0
    for text, start, end in _named_in(forms, texts):
        named += 1
        before, after = text[max(0, start - TOWN_CONTEXT):start], text[end:end + TOWN_CONTEXT]
        placed += (bool(_TOWN_AFTER.match(after)) + bool(_BEARING_OR_PLACE_NOUN.search(before))  # "north of", "the
                   + bool(country is not None and country.match(after)))                        # city of"
    return placed >= 1 and placed * 3 >= named


# A name ending in a landform is a place's ("Napa Valley", "Rodgers Creek Fault", "Anderson Springs"),
# or a person's ("Michael Bay", "Ricki Lake"): the texts tell which by writing it as a place.
_LANDFORM = re.compile(r"\s(Valley|River|Lake|Mountain|Bay|Creek|Canyon|Island|Peninsula|Desert|Basin|Coast"
                       r"|Fault|Gulf|Sea|Ocean|Strait|Glacier|Volcano|Range|Forest|Springs|Beach|Heights|Falls)s?$")
_SETTLED_LANDFORMS = frozenset({"Springs", "Beach", "Heights", "Falls"})  # mostly towns: "Palm Springs"
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_THE_OR_PLACED = re.compile(f"{_PLACE_PREPOSITION.pattern}|{_THE_BEFORE.pattern}")


def _named_for_its_landform(entity: Entity, texts: list[str]) -> str | None:
    """The landform ending the entity's name, where the texts write the name after "the" or a
    place's preposition at least once ("in the Alexander Valley", "near Anderson Springs")."""
    found = _LANDFORM.search(entity.name)
    if not found:
        return None
    forms = {bare_name(m.text) for m in entity.mentions if " " in bare_name(m.text)}
    return found.group(1) if forms and _context_share(forms, texts, before=_THE_OR_PLACED)[0] else None


def _written_as_a_group(forms: set[str], texts: list[str], surnames: frozenset[str] = frozenset()) -> bool:
    """A "person" known by one word that the texts also write in the plural ("Kurds", "Alawites"):
    a people, a faith or a party's members. Not a surname ("the Obamas" beside "Barack Obama"): the
    one word never ends a longer form, its own nor another person's (`surnames`)."""
    single = {form for form in forms if " " not in form and form.isalpha()}
    if not single or single & surnames or any(form.split()[-1] in single for form in forms if " " in form):
        return False
    plurals = re.compile(rf"\b(?:{'|'.join(re.escape(form) + 'e?s' for form in sorted(single))})\b")
    return any(any(form in text for form in single) and plurals.search(text) for text in texts)


def _written_as_an_acronym(forms: set[str], texts: list[str]) -> bool:
    """A one-word name the texts also write in capitals within a sentence ("Unicef" and "said
    UNICEF spokesman"): an acronym, so an organisation. (A capitals headline, or a transcript's
    "BLAIR:", has no lowercase word beside the name.)"""
    capitals = {form.upper() for form in forms if len(form) >= 3 and form.isalpha()}
    if not capitals:
        return False
    names = "|".join(sorted(capitals))
    pattern = re.compile(rf"(?<=[a-z,] )(?:{names})\b|\b(?:{names}) (?=[a-z])")
    return any(any(name in text for name in capitals) and pattern.search(text) for text in texts)


# Where a text puts a website or a network: "on Twitter", "via YouTube", "Twitter users".
# ...or after a possessive or "the" ("his Twitter account", "the Twitter revolution"), which no one
# puts before a person's one-word name
_SITE_BEFORE = re.compile(r"\b(?:on|via|through|using|his|her|their|its|my|our|your|[Tt]he)\s+$")
_SITE_AFTER = re.compile(r"^\s+(?:account|accounts|feed|feeds|page|pages|post|posts|message|messages|user|users|"
                         r"link|links|site|update|updates|channel|followers)\b")


def _written_as_a_site(forms: set[str], texts: list[str]) -> bool:
    """A one-word name the texts mostly put after "on" or "via", or before "users", "account",
    "feed", ... ("on Twitter", "Twitter updates", "his Twitter"): a website, so an organisation."""
    sited, named = _context_share(forms, texts, before=_SITE_BEFORE, after=_SITE_AFTER)
    return named >= 2 and sited * 2 >= named


def _written_with_the(forms: set[str], texts: list[str]) -> bool:
    """A name of two words or more that the texts mostly put after "the" ("the Deepwater Horizon",
    "the Rolling Stones"): nobody calls a person so, so a tagger's slip for an organisation or a thing."""
    # bare_name took "the" off the forms: count it in the texts, for the full names only ("the
    # Clinton administration" says nothing of Bill Clinton)
    with_the, named = _context_share({form for form in forms if " " in form}, texts, before=_THE_BEFORE)
    return named >= 2 and with_the * 2 >= named


def _written_as_a_web_address(forms: set[str], texts: list[str]) -> bool:
    """A one-word "person" whose name is a web address's ("Ushahidi" beside "www.ushahidi.com"):
    an organisation or a site."""
    names = "|".join(re.escape(form.lower()) for form in sorted(forms) if form.isalpha())
    pattern = re.compile(rf"\b(?:www\.)?(?:{names})\.(?:com|org|net|gov|co\.uk|org\.uk)\b", re.IGNORECASE)
    addresses = [f"{form.lower()}." for form in forms if form.isalpha()]
    return bool(names) and any(any(address in lowered for address in addresses) and pattern.search(text)
                               for text, lowered in zip(texts, _lowered(texts), strict=True))


# What a text names a thing after: "the anesthetic Propofol", "the painkiller Lidocaine", "the rig
# Deepwater Horizon"; nobody puts a person's name there.
_THINGS = (r"drug|anesthetic|anaesthetic|sedative|painkiller|medication|medicine|vaccine|virus|strain|ship|vessel"
           r"|tanker|rig|satellite|missile|rocket|aircraft|software|chemical|dispersant|pesticide|compound|antiviral")
_THING_BEFORE = re.compile(
    rf"\b(?:(?:the|a|an)\s+(?:{_THINGS})"
    # ..., two of a kind ("the antiviral drugs Tamiflu and Relenza", "antivirals Tamiflu and"), or
    # what a maker makes ("Roche, which makes Tamiflu")
    rf"|(?:{_THINGS})s(?:\s*,)?(?:\s+[A-Z][\w-]*\s*(?:,|and|or))?|\bmakes)\s+$", re.IGNORECASE)
_THING_AFTER = re.compile(r"\s*,?\s+(?:made|manufactured|produced|developed|sold)\s+by\b")  # "Relenza, made by ..."
# ...or what it is named before: "Xeon processors", "Atom chips", "Galaxy phones" (no person's name is)
_THING_OR_MODEL_AFTER = re.compile(_THING_AFTER.pattern + r"|\s+(?:processors?|chips?|CPUs?|servers?|phones?"
                                   r"|smartphones?|tablets?|laptops?|handsets?|jets?|drones?|pills?)\b")
THING_CONTEXT = 32  # characters: "antiviral drugs Tamiflu and " before the name


def _written_as_a_named_thing(forms: set[str], texts: list[str], share_only: bool = False) -> bool:
    """A one-word "person" the texts put after "the drug", "the anesthetic", "the ship", ... or
    before "processors", "chips", ... twice, or at least half the times they name it: a product or
    a thing, whatever the tagger said. With `share_only` (for an "organisation": "Intel chips" is
    said of a company too), half the times it is."""
    named_so, named = _context_share(forms, texts, before=_THING_BEFORE, reach=THING_CONTEXT,
                                     after=_THING_AFTER if share_only else _THING_OR_MODEL_AFTER)
    return (named_so >= 2 and not share_only) or (named_so >= 1 and named_so * 2 >= named)


# A product's name: Apple's "i" ("iPhone", "iTunes"), or a model's number after the maker ("Nvidia 9600M
# GT", "Galaxy S4"; not "3M Company", "Channel 4")
_APPLE_NAME = re.compile(r"i[A-Z][a-z]\w*")
_MODEL_NUMBER = re.compile(r"[A-Z]+\d+[A-Za-z\d]*|\d+[A-Z]+[A-Za-z\d]*")
_SIZE = r"\b\d+(?:\.\d+)?(?:-inch|-in\.|\u2033|GB|TB)"  # "the 17-inch MacBook Pro", "a 64GB iPad"
_SIZED = re.compile(_SIZE + r"\s+$")
_SIZE_WRITTEN = re.compile(_SIZE + r"\s")


def _named_as_a_model(forms: set[str]) -> bool:
    """A name written as a product's."""
    return any(_APPLE_NAME.fullmatch(form) or any(_MODEL_NUMBER.fullmatch(word) for word in form.split()[1:])
               for form in forms)


def _sized_and_plural(forms: set[str], texts: list[str]) -> bool:
    """A name the texts both size ("the 17-inch MacBook Pro") and put in the plural ("MacBook
    Pros"), which no company's name is: a product."""
    plurals = re.compile(rf"\b(?:{'|'.join(re.escape(form) for form in sorted(forms))})s\b")
    return bool(_context_share(forms, texts, before=_SIZED)[0]) and any(plurals.search(text) for text in texts)


def _spelt_out_in_lowercase(forms: set[str], texts: list[str]) -> bool:
    """An acronym the texts spell out in lowercase words that open on its first and last letters
    ("the failed blowout preventer (BOP)", "a remotely operated vehicle (ROV)"): a thing, not an
    organisation ("World Health Organization (WHO)"; nor is "the network (CNN)" a spelling out)."""
    for acronym in (form for form in forms if _ACRONYM_FORM.fullmatch(form)):
        pattern = re.compile(rf"((?:\b[a-z][a-z-]*\s+){{1,{len(acronym) + 1}}})\({re.escape(acronym)}s?\)")
        for text in (text for text in texts if f"({acronym}" in text):  # (a quick test first)
            for found in pattern.finditer(text):
                words = found.group(1).split()
                if words[-1][0] == acronym[-1].lower() and any(w[0] == acronym[0].lower() for w in words):
                    return True
    return False


_ACRONYM_FORM = re.compile(r"[A-Z]{2,6}")


_SOMEONE_OF = re.compile(r"\b[A-Z][a-z]+ of\s+$")


def _written_after_someone_of(forms: set[str], texts: list[str]) -> bool:
    """A name of two words or more that the texts mostly put after someone's name and "of" ("Paul
    Peachy of Christian Aid"): where people work or come from, not a person."""
    placed, named = _context_share({form for form in forms if " " in form}, texts, before=_SOMEONE_OF)
    return named >= 2 and placed * 2 >= named


# "ANC spokesman Thabo Masebe", "A spokesman for the party, Thabo Masebe," / "Ken Davies, the WFP's country director"
_ROLE_BEFORE = re.compile(rf"\b{ROLES}(?:\s+(?:for|of)\s+(?:the\s+)?[\w'’ -]{{1,30}}?)?,?\s+$")
_ROLE_AFTER = re.compile(rf",\s+(?:the|a|an|its)\s+(?:(?!(?:whose|which|that|who|where)\b)[\w'’.-]+\s+){{0,4}}?"
                         rf"{ROLES}\b")
_INSTITUTION_WORDS = frozenset("Party Commission Council Ministry Department Agency Bank Group Company Association "
                               "Union Front Army Committee Court Office University Institute Foundation Fund Program "
                               "Programme Organization Organisation Service Authority Board News Times Post Press "
                               "Network Club League Church Center Centre School College Hospital Hotel Lodge".split())


def _introduced_by_a_role(forms: set[str], texts: list[str]) -> bool:
    """Is a name of two or three words, each a capitalised word and none an institution's
    ("Party", "Commission"), put after a role or given one in apposition, at least half the times
    it is written in full?"""
    full = {form for form in forms if 2 <= len(form.split()) <= 3 and all(
        re.fullmatch(r"[A-Z][a-z][\w'’-]*", word) and word not in _INSTITUTION_WORDS for word in form.split())}
    if not full or any(" " in form for form in forms - full):
        return False
    introduced, named = _context_share(full, texts, before=_ROLE_BEFORE, after=_ROLE_AFTER, reach=50)
    return introduced >= 1 and introduced * 2 >= named


_OPERATION_BEFORE = re.compile(r"\bOperation\s+$")


def _written_as_an_operation(forms: set[str], texts: list[str]) -> bool:
    """A name the texts mostly put after "Operation" ("Operation Desert Fox"): a military
    operation, an event, whatever a tagger made of it."""
    named_so, named = _context_share(forms, texts, before=_OPERATION_BEFORE)
    return named >= 1 and named_so * 2 >= named


def _listed_with_places(forms: set[str], texts: list[str], places: set[str]) -> bool:
    """Do the texts list the name after another place ("Israel, Lebanon, Turkey and Jordan")? Then
    the tagger's place is a place, though a person of that surname is in the story (Robert Jordan)."""
    others = sorted(places - forms, key=len, reverse=True)
    if not others:
        return False
    listed = re.compile(rf"\b(?:{'|'.join(map(re.escape, others))})\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
    return any(listed.search(text[max(0, start - 40):start]) for text, start, _ in _named_in(forms, texts))


def _place_share(forms: set[str], texts: list[str]) -> tuple[int, int]:
    """How often the texts write any of these names after a place's preposition, and in all."""
    return _context_share(forms, texts, before=_PLACE_PREPOSITION)


def _context_share(forms: set[str], texts: list[str], before: re.Pattern[str] | None = None,
                   after: re.Pattern[str] | None = None, reach: int = 16) -> tuple[int, int]:
    """How often the texts write any of these names in a context (`before` found in the `reach`
    characters before it, or `after` at the start of the `reach` after), and in all (a possessive,
    "Misrata's", counts for neither)."""
    within = named = 0
    for text, start, end in _named_in(forms, texts):
        named += 1
        within += bool(before and before.search(text[max(0, start - reach):start])
                       or after and after.match(text[end:end + reach]))
    return within, named


class StoryTexts(list[str]):
    """A story's texts, with where each name is written found once and kept: the typing rules ask
    where the same names stand again and again (a pass over the texts for every rule and name had
    taken half the merging time of a 60-page story)."""

    def __init__(self, texts: Iterable[str]) -> None:
        super().__init__(texts)
        self._written: dict[str, list[tuple[int, int, int]]] = {}
        self.lowered: list[str] | None = None  # the texts in lowercase, once asked for

    def written_at(self, form: str) -> list[tuple[int, int, int]]:
        """(text index, start, end) of each place the form is written alone (not "Misrata's")."""
        if form not in self._written:
            pattern = re.compile(rf"\b{re.escape(form)}\b(?!')")
            self._written[form] = [(i, found.start(), found.end()) for i, text in enumerate(self)
                                   if form in text for found in pattern.finditer(text)]  # (a quick test first)
        return self._written[form]


def _lowered(texts: list[str]) -> list[str]:
    """The texts in lowercase (kept, for a story's texts)."""
    if not isinstance(texts, StoryTexts):
        return [text.lower() for text in texts]
    if texts.lowered is None:
        texts.lowered = [text.lower() for text in texts]
    return texts.lowered


def _named_in(forms: set[str], texts: list[str]) -> Iterator[tuple[str, int, int]]:
    """Where the texts write any of these names: (text, start, end), left to right, a name never
    counted inside another's place (as one pattern of the names, in sorted order, would find them);
    a possessive ("Misrata's") is not the name written alone."""
    indexed = texts if isinstance(texts, StoryTexts) else StoryTexts(texts)
    places = sorted((i, start, rank, end) for rank, form in enumerate(sorted(forms))
                    for i, start, end in indexed.written_at(form))
    last_text, last_end = -1, -1
    for i, start, _, end in places:
        if i == last_text and start < last_end:
            continue
        last_text, last_end = i, end
        yield indexed[i], start, end


def _written_in_lowercase(names: set[str], texts: list[str]) -> set[str]:
    """The names of several words that the story also writes in lowercase mid-sentence ("swine
    flu" beside a tagged "Swine Flu"): ordinary words, not a name. Texts that arrived lowercased
    ("fire chief maria delgado said"), or that write the name both ways, tell nothing of this."""
    cased = [text for text in texts if sum(map(str.isupper, text)) >= 0.01 * len(text)]
    return {name for name in names if name != name.lower() and any(
        name not in text and name.lower() in text  # (a quick test before the pattern)
        and re.search(rf"(?<=[a-z,;] ){re.escape(name.lower())}\b", text) for text in cased)}


# A person's name takes no article or demonstrative: "sign a Pledge", "this Pledge" name a thing.
_THING_DETERMINER = ("a", "an", "this", "that", "these", "those", "every", "each", "another")


def _written_as_a_thing(names: set[str], texts: list[str]) -> set[str]:
    """The one-word "person" names that the texts put after "a", "this", "every", ... at least
    half the times they write them, and at least twice: a capitalised common noun."""
    names = {name for name in names if name.isalpha()}
    if not names:
        return set()
    pattern = re.compile(rf"(?:\b({'|'.join(_THING_DETERMINER)})\s+)?\b({'|'.join(sorted(names))})\b(?!')",
                         re.IGNORECASE)
    after: Counter[str] = Counter()
    written: Counter[str] = Counter()
    for text in texts:
        for found in pattern.finditer(text):
            name = found.group(2)
            if name in names:  # as capitalised (the pattern ignores case for the determiner)
                written[name] += 1
                after[name] += found.group(1) is not None
    return {name for name in names if after[name] >= 2 and after[name] * 2 >= written[name]}


def _matching_person(name: str, people: list[list[Mention]], fulls: dict[int, list[str]]) -> list[Mention] | None:
    """The one person whose name this name is (a surname alone, or a full name spelled another way).
    `fulls` keeps each person's longest name (by the person's id), the same while the person is."""
    parts = name.split()
    matches = []
    for index, person in enumerate(people):
        full = fulls.get(id(person))
        if full is None:
            full = fulls[id(person)] = max((bare_name(m.text).split() for m in person), key=len)
        if (len(parts) == 1 and same_surname(surname(full), parts[0])) or (
                len(parts) > 1 and len(full) > 1 and same_spelling(surname(full), surname(parts))
                and same_given_name(full[0], parts[0])):
            matches.append(index)
    if len(matches) > 1 and len(parts) == 1:
        matches = _dominant(matches, [len(person) for person in people])
    return people[matches[0]] if len(matches) == 1 else None


def _merge_people(mentions: list[Mention]) -> list[list[Mention]]:
    people = _People()
    singles: list[Mention] = []
    # Full names first (most complete spellings anchor the people), then single names.
    for mention in sorted(mentions, key=lambda m: -len(bare_name(m.text).split())):
        parts = bare_name(mention.text).split()
        if not parts:
            continue
        if len(parts) == 1 or _surname_with_particle(parts):  # "Klerk", "De Klerk"
            singles.append(mention)
        else:
            people.add(mention, people.find_full(parts))
    full_names = [people.full_name_of(i) for i in range(len(people.people))]
    surnames = [surname(full) if full else "" for full in full_names]
    alone: dict[str, int] = {}  # single names that matched nobody, by lowercase form
    for mention in singles:
        word = bare_name(mention.text)
        # A surname alone names the father where the son goes by a suffix ("Mr Trump", "Trump Jr.").
        matched = [i for i, full in enumerate(full_names) if full and same_surname(surnames[i], word)]
        by_surname = [i for i in matched if not generation(full_names[i])] or matched
        # ...a given name alone, untitled ("Hosni"): a title goes with a surname, or names another
        # ("Prince William" is not Foreign Secretary William Hague)
        titled = bool(_TITLE.match(mention.text.strip()))
        by_given = [] if titled else [i for i, full in enumerate(full_names)
                                      if full and full[0].lower() == word.lower()]
        if _REGNAL_TITLE.match(mention.text.strip()):
            by_surname = []
        # A word that is one person's surname and another's given name ("Michael" beside Alun Michael
        # and Michael Jackson) is either: the article, or the one named far more often, decides.
        candidates = by_surname + [i for i in by_given if i not in by_surname]
        if len(candidates) > 1:
            candidates = (_nearest_in_article(mention, candidates, people.people)
                          or _dominant(candidates, [len(person) for person in people.people])
                          # ...or the one person of that name the article names ("Moussa" after "Amr
                          # Moussa", though "Moussa Koussa" is named elsewhere; "Chris" a page after
                          # "aid worker Chris Webster", though other stories name other Chrises)
                          or _named_in_article(mention, candidates, people.people))
        if len(candidates) == 1:
            people.add(mention, candidates[0])
        elif word.lower() in alone:  # unknown or ambiguous: a person of their own, never guessed
            people.add(mention, alone[word.lower()])
        else:
            people.add(mention)
            alone[word.lower()] = len(people.people) - 1
    return people.people


def _named_in_article(mention: Mention, candidates: list[int], people: list[list[Mention]]) -> list[int]:
    """The candidate, if one alone, that the mention's article names."""
    named = [i for i in candidates if any(m.article_id == mention.article_id for m in people[i])]
    return named if len(named) == 1 else []


def generation(parts: list[str]) -> str:
    """The generational suffix of a name ("jr" of "Donald Trump Jr"), or ""."""
    last = parts[-1].rstrip(".").lower() if len(parts) > 1 else ""
    return last if last in _GENERATIONS else ""


def surname(parts: list[str]) -> str:
    """A name's surname, its generational suffix aside ("Paulson" of "Henry M. Paulson Jr")."""
    return parts[-2] if generation(parts) else parts[-1]


# A surname's particle, few of them ever given names, capitalised at a sentence's start ("De Klerk
# said ..."), is no given name either.
_LEADING_PARTICLES = frozenset("De Von Du Da Der Ter Dos Das Bin Ibn".split())


def _surname_with_particle(parts: list[str]) -> bool:
    return len(parts) == 2 and parts[0] in _LEADING_PARTICLES | NAME_PARTICLES and parts[1][:1].isupper()


def _same_generation(a: list[str], b: list[str]) -> bool:
    """Can two names of one surname and given name be one person, given their suffixes? "Hank
    Paulson" is "Henry M. Paulson Jr", but "Donald Trump" beside "Donald Trump Jr" is his father:
    a name without a suffix, written as the other's given name and surname exactly, is another
    generation."""
    if generation(a) == generation(b):
        return True
    if generation(a) and generation(b):
        return False
    return (a[0].lower(), surname(a).lower()) != (b[0].lower(), surname(b).lower())


def _same_middle(a: list[str], b: list[str]) -> bool:
    """Can two names be one person, given their middle names? Not where both write one and their
    initials differ: "George H.W. Bush" is not "George W. Bush"; "John F. Kennedy" is "John
    Fitzgerald Kennedy"."""
    initials = []
    for parts in (a, b):
        middle = parts[1:-2] if generation(parts) else parts[1:-1]
        initials.append("".join(letter for word in middle if word[:1].isupper() and word not in NAME_PARTICLES
                                for letter in (re.findall(r"[A-Z]", word) if "." in word else word[:1])))
    return not (initials[0] and initials[1]) or initials[0] == initials[1]


@lru_cache(maxsize=100_000)
def same_surname(full: str, single: str) -> bool:
    """A surname on its own matches a full name's surname exactly (Arabic's article or a particle
    aside: "al-Assad" / "Assad", "De Klerk" / "F.W. de Klerk"), or with one letter's slip in a long
    name ("Caraway" for "Carraway"), never by mere resemblance ("Jacko" is not "Jackson"), and a
    given name alone is someone's given name, not a slip ("Chris" is not Jesus Christ)."""
    a, b = (_ARTICLE.sub("", _PARTICLE.sub("", name.lower())) for name in (full, single))
    # a slip keeps the first letter ("Lapan" is no "Japan"); a transliteration may not ("Qaddafi")
    return a == b or (min(len(a), len(b)) >= 5 and (
        a[:1] == b[:1] and Levenshtein.distance(a, b) <= 1 and not is_given_name(b) or skeleton(a) == skeleton(b)))


def is_given_name(word: str) -> bool:
    """Is the lowercase word a given name the nicknames table knows ("chris", "dave")?"""
    table = _nicknamer()
    return bool(table.nicknames_of(word) or table.canonicals_of(word))


def _dominant(candidates: list[int], sizes: list[int]) -> list[int]:
    """Of several namesakes, the one named `DOMINANT` times more often than any other, if one is."""
    ranked = sorted(candidates, key=lambda i: -sizes[i])
    if len(ranked) > 1 and sizes[ranked[0]] >= DOMINANT * sizes[ranked[1]]:
        return ranked[:1]
    return []


NEAR_CHARACTERS = 400  # about a paragraph


def _nearest_in_article(mention: Mention, candidates: list[int], people: list[list[Mention]]) -> list[int]:
    """Of several people sharing a surname, the one named last before this mention in its article,
    a paragraph before it at most (further back, "Gaddafi" in a chronology is the colonel again,
    not the daughter named once in an entry above)."""
    best, best_start = None, mention.start - NEAR_CHARACTERS
    for index in candidates:
        for other in people[index]:
            if other.article_id == mention.article_id and best_start < other.start <= mention.start:
                best, best_start = index, other.start
    return [best] if best is not None else []


def _merge_by_key(mentions: list[Mention]) -> list[list[Mention]]:
    """Organisations, places and the rest: same key, the same letters spaced otherwise
    ("ExxonMobil", "Exxon Mobil"), acronym of an expansion, a longer form of the same name ("US
    Chemical Safety Board"), or a spelling variant. Longest names come first, so expansions are
    known before their acronyms and short forms."""
    groups: dict[str, list[Mention]] = {}
    by_acronym: dict[str, list[str]] = defaultdict(list)
    by_last_word: dict[str, list[str]] = defaultdict(list)
    by_first_word: dict[str, list[str]] = defaultdict(list)
    by_letters: dict[str, str] = {}
    label_of: dict[str, str] = {}
    # a one-word name tagged a place anywhere in the story ("Washington") is no company's first word
    places = {org_key(m.text) for m in mentions if m.label in _PLACE_LABELS}
    one_word_places: list[str] = []
    for mention in sorted(mentions, key=lambda m: -len(m.text)):
        key = org_key(mention.text)
        if not key:
            continue
        letters = key.replace(" ", "").lower()
        target = key if key in groups else (by_letters.get(letters)
                                            or _known_form(key, groups, by_acronym, by_last_word,
                                                           {} if key in places else by_first_word))
        if target is not None and len(letters) <= 2 and target != key and label_of.get(target) != mention.label:
            target = None  # "D.C." (a place) is no "District Court": two letters stand for too much
        if target is None and mention.label in _PLACES and " " not in key:
            target = next((known for known in one_word_places if _transliterated(known, key)), None)
            if target is None:
                one_word_places.append(key)
        if target is None:
            target = key
            by_letters[letters] = key
            label_of[key] = mention.label
            by_last_word[key.split()[-1]].append(key)
            if " " in key:
                by_first_word[key.split()[0]].append(key)
        # every form's acronyms lead to its group: "Environmental Protection Agency" is "EPA" as
        # written (not as reordered), "US Centers for Disease Control and Prevention" also "CDC"
        for acronym in _acronyms(key) | _acronyms(org_key(mention.text, reorder=False)):
            if target not in by_acronym[acronym]:
                by_acronym[acronym].append(target)
        groups.setdefault(target, []).append(mention)
    # An acronym first met with another label than its expansion's ("BP" tagged a place) began a
    # group of its own, which its later mentions joined: it is the expansion's, where that holds
    # the acronym too.
    for key in [key for key in groups if " " not in key]:
        home = next((known for known in by_acronym.get(key.upper(), []) if known != key and known in groups
                     and any(org_key(m.text) == key for m in groups[known])), None)
        if home is not None:
            groups[home].extend(groups.pop(key))
    return list(groups.values())


RARE_SPELLING = 2.5  # Zipf frequency (wordfreq) under which a spelling of a place is a transliteration's
WELL_KNOWN_PLACE = 4.0  # ...and over which a place is known by one spelling ("Iran" is not "Iraq")


def _transliterated(a: str, b: str) -> bool:
    """Two spellings of one little-known place ("Jabaliya", "Jabalya"; "Benghazi", "Bengazi"), not two
    places a letter apart that everyone knows ("Iran", "Iraq"; "Austria", "Australia"; "Laos", "Lagos")."""
    if not same_spelling(a, b):
        return False
    known = sorted(zipf_frequency(word, "en") for word in (a, b))
    return known[0] < RARE_SPELLING and known[1] < WELL_KNOWN_PLACE


_ABBREVIATED_QUALIFIERS = frozenset("us uk eu un".split())
_QUALIFIERS = _ABBREVIATED_QUALIFIERS | frozenset("british american federal national international".split())


def _acronyms(key: str) -> frozenset[str]:
    """The acronyms of an organisation's name, also without a country before it or an "and ..."
    after it ("US Centers for Disease Control and Prevention": "CDC" as well)."""
    words = key.split()
    # an abbreviated country is no initial of the name: "US Navy" is not the "UN"
    forms = acronym_forms(key) if words[0] not in _ABBREVIATED_QUALIFIERS else frozenset()
    core = words[1:] if len(words) > 2 and words[0] in _QUALIFIERS else words
    if "and" in core[2:]:
        core = core[:core.index("and", 2)]
    if core != words:
        forms |= acronym_forms(" ".join(core))
    if len(words) > 2:
        # its first word kept whole ("EYP Mission Critical Facilities": "EYP MCF"), an abbreviated
        # country's also before the rest without its "and ..." ("U.S. Geological Survey": "USGS")
        rests = {" ".join(words[1:])} | ({" ".join(core)} if words[0] in _ABBREVIATED_QUALIFIERS else set())
        forms |= {words[0].upper() + form for rest in rests for form in acronym_forms(rest)}
    return forms


def _qualifier_abbreviated(short: list[str], long: list[str]) -> bool:
    """Is `short` `long` with its opening words written as their acronym ("un security council",
    "united nations security council")?"""
    rest = len(short) - 1
    if rest < 1 or len(long) <= len(short) or long[len(long) - rest:] != short[1:]:
        return False
    return short[0].upper() in acronym_forms(" ".join(long[:len(long) - rest]))


_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})  # (not a people: "Yemeni" is no spelling of "Yemen")
# First words that name no organisation alone ("National" of "National Guard")
_GENERIC_FIRST_WORDS = _QUALIFIERS | frozenset("new first general royal world bank central state city university "
                                               "united european global north south east west great".split())


# The head word a party's or a movement's name is often written without
_DROPPED_HEADS = frozenset({"party", "movement"})


def _known_form(key: str, groups: dict[str, list[Mention]], by_acronym: dict[str, list[str]],
                by_last_word: dict[str, list[str]], by_first_word: dict[str, list[str]]) -> str | None:
    compact = key.replace(" ", "").upper()
    if by_acronym.get(compact):  # "FBI" after "Federal Bureau of Investigation"; of two expansions
        # ("AP": "Associated Press", "Anadarko Petroleum"), the one the story names more
        return max(by_acronym[compact], key=lambda known: len(groups[known]))
    if " " not in key:  # "Interior" (of "Interior Secretary Ken Salazar"): the department of it
        department = next((known for known in groups if re.fullmatch(
            rf"(?:department|ministry) of (?:the )?{re.escape(key)}", known)), None)
        if department:
            return department
        opening = sorted(by_first_word.get(key, []), key=len)
        # (names that only extend one another are one: "ATI Technologies", "ATI Technologies India")
        if len(key) >= 3 and key not in _GENERIC_FIRST_WORDS and opening and all(
                f"{name} ".startswith(f"{opening[0]} ") for name in opening):
            return opening[0]  # "Lehman" of "Lehman Brothers", "Merrill" of "Merrill Lynch"
    else:
        for known in by_first_word.get(key.split()[0], []):
            if len(known.split()) == len(key.split()) and JaroWinkler.similarity(known, key) >= 0.95:
                return known  # "Bear Sterns" / "Bear Stearns"
            if known.split()[:-1] == key.split() and known.split()[-1] in _DROPPED_HEADS:
                return known  # "Communist Refounding" of "Communist Refounding Party"
            if _conjunct_dropped(key.split(), known.split()) or _conjunct_dropped(known.split(), key.split()):
                return known  # "Truth Commission" / "Truth and Reconciliation Commission"
    for known in by_last_word.get(key.split()[-1], []):
        # "chemical safety board" ending "us chemical safety board", or the other way round: the
        # same name with a qualifier. (English names end in their head noun: "port alder" opening
        # "port alder city council" is a different entity, the place.)
        if len(key.split()) >= 2 and len(known.split()) >= 2 and (
                _qualified(key.split(), known.split()) or _qualified(known.split(), key.split())):
            return known
        if _qualifier_abbreviated(key.split(), known.split()) or _qualifier_abbreviated(known.split(), key.split()):
            return known  # "UN Security Council" / "United Nations Security Council"
        if len(key) >= 6 and JaroWinkler.similarity(known, key) >= 0.95:
            return known
    return None


def _qualified(short: list[str], long: list[str]) -> bool:
    """Is the long name the short one with a qualifier before it ("us chemical safety board")? Not
    where the short one is what the long one is of ("congress of the united states" is no "united
    states"; names keyed "x of y" end in what they are of, not in their head)."""
    before = long[:len(long) - len(short)]
    if before[-1:] == ["the"]:
        before = before[:-1]
    return len(before) > 0 and long[len(long) - len(short):] == short and before[-1] not in _LINKING_WORDS


_LINKING_WORDS = frozenset("of for in on at and de del la le du des".split())


def _conjunct_dropped(short: list[str], long: list[str]) -> bool:
    """Is the short name the long one without the second of two conjoined words, which end the name
    or stand between its first word and its head ("truth commission" of "truth and reconciliation
    commission", keyed "commission of truth" / "commission of truth and reconciliation")?"""
    return len(long) >= 4 and (long[-2] == "and" and short == long[:-2]
                               or len(long) == 4 and long[1] == "and" and short == [long[0], long[3]])


def _entity(mentions: list[Mention]) -> Entity:
    surface = Counter(m.text for m in mentions)
    bare = Counter(bare_name(m.text) for m in mentions)
    label = _voted_label(mentions)
    # Among the forms used often enough to be trusted: a proper-noun form, the most complete
    # (a person's full name), then the most common spelling. A one-off tagging slip such as
    # "the Gulf of Mexico BP" never names the entity; a full name written twice does, however
    # often the surname alone is ("Barack Obama" beside sixty "Obama").
    top = max(bare.values())
    trusted = [form for form, count in bare.items()
               if count >= max(1, top // 5) or (count >= 2 and " " in form)] or list(bare)
    # (an organisation's legal form, or a title the tagger took in, adds nothing: "BP" over "BP Plc")
    complete = (lambda form: len(form.split())) if label == "PERSON" else (
        lambda form: len(org_key(form, reorder=False).split()))
    name = max(trusted, key=lambda form: (form[:1].isupper(), complete(form), bare[form], len(form)))
    if label == "PERSON" and " " not in name:
        # a surname alone names no one when the articles write the full name, if only once
        # ("Aisha Gaddafi" once, then "Gaddafi")
        full = [form for form in bare if " " in form and same_surname(surname(form.split()), name)]
        name = max(full, key=lambda form: (bare[form], len(form))) if full else name
        # ...and a sovereign is named with their title ("King Hussein", not "Hussein")
        regnal = Counter(title.group() + name for text in surface
                         if (title := _REGNAL_TITLE.match(text)) and bare_name(text) == name)
        name = regnal.most_common(1)[0][0] if not full and regnal else name
    if name.isupper() and " " in name and not _written_as_initials(name):
        # a transcript's "ANDERSON COOPER": as the articles write it, if they do (not "EYP MCF": initials)
        written = [form for form in bare if form.lower() == name.lower() and not form.isupper()]
        name = written[0] if written else " ".join(
            word.lower() if word.lower() in _MINOR else word if len(word) <= 3 and label != "PERSON"
            else word.title() for word in name.split())
    if name.islower():
        name = _capitalised(name, label)
    return Entity(name=name, type=label, aliases=[form for form, _ in surface.most_common()], mentions=mentions)


def _capitalised(name: str, label: str) -> str:
    """A name found only in lowercased copy, shown as names are written: "alexander nix" as
    Alexander Nix (a particle lowercase), "u.s." as U.S., "centers for disease control" as Centers
    for Disease Control; a word without a vowel ("scl group") or an organisation's one short word
    ("fbi") as an acronym, and a place's of two letters ("uk")."""
    words: list[str] = []
    alone = " " not in name
    for word in name.split():
        if word.count(".") > 1 or label != "PERSON" and (
                alone and len(word) <= (3 if label == "ORG" else 2) or not re.search(r"[aeiouy]", word)):
            words.append(word.upper())
        elif word in NAME_PARTICLES and label == "PERSON" or word in _MINOR and words:
            words.append(word)
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)


def _written_as_initials(name: str) -> bool:
    """A name in capitals with a word no one could say ("EYP MCF", "BBC"): initials, not a name
    shouted in a transcript ("ANDERSON COOPER")."""
    words = name.split()
    return name.isupper() and all(len(word) <= 4 for word in words) and any(
        len(word) >= 2 and not re.search(r"[AEIOUY]", word) for word in words)


# Titles only people bear (not "President", "Chief", "Justice", which open organisations' names too)
_PERSONAL_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Sen|Senator|Rep|Gov"
                             r"|Adm|Gen|Col|Maj|Capt|Lt|Sgt|Cmdr)\.?\s+[A-Z]")  # "Adm. Bill Gortney"


def _voted_label(mentions: list[Mention]) -> str:
    """The most common label. On a tie between a person and a place or organisation, the person
    wins only if the name is also written another way (a surname alone, a title): a tagger calls
    "Port Alder" in "Port Alder Mayor Linda Carraway" a person, but nobody calls a town "Alder"."""
    if any(_PERSONAL_TITLE.match(m.text) for m in mentions):
        return "PERSON"  # "Sen. Alfonse D'Amato", "Mrs. Slepian", however often "D'Amato" was an organisation
    votes = Counter(m.label for m in mentions).most_common()
    tied = [label for label, count in votes if count == votes[0][1]]
    if len(tied) > 1 and "PERSON" in tied and len({bare_name(m.text) for m in mentions}) == 1:
        return next(label for label in tied if label != "PERSON")
    return votes[0][0]
