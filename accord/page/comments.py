"""Reader comments on an HTML page, with their authors, dates and reply nesting.

Three sources, merged in this order:

* comment-system markup: WordPress comment lists, Disqus-like threads, ``article.comment``,
  plugin-prefixed classes ("wpd-comment"), schema.org ``Comment`` microdata, and repeated
  structures (same tag and class, each with a name and a text) inside a comment block;
  the class/id patterns live in ``accord/resources/page/comments.tsv``;
* schema.org ``Comment`` objects in the page's JSON-LD;
* what trafilatura took for comments and neither of the above holds.

>>> comments = reader_comments(tree, meta, extracted.comments, is_furniture)  # doctest: +SKIP
>>> comments[1].author, comments[1].parent  # doctest: +SKIP
('reader42', 'c1')
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from functools import lru_cache
from typing import Any, Callable

from accord.page.metadata import (_Meta, _clean, _element_text, _iso_date, _key, _ld_names, _matches,
                                  _read_table, _resolve, _text_date, _tokens, _types,
                                  _walk_objects)
from accord.records import Comment

__all__ = ["inside_comment", "reader_comments"]

_MARKUP_TAG = re.compile(r"<[^<>]{0,500}>")


@lru_cache(maxsize=1)
def _comment_rules() -> dict[str, tuple[re.Pattern[str], ...]]:
    roles: dict[str, list[re.Pattern[str]]] = {}
    for rule in _read_table("comments.tsv", frozenset({"item", "container", "content", "author", "skip", "linkback"}),
                            re.IGNORECASE, anchored=True):
        pattern = rule.pattern
        if rule.kind in {"content", "author", "skip"}:
            # parts of a comment are often named after it: "w-comments-item-date", "comment_author"
            pattern = re.compile(r"(?:[\w-]*[-_])?" + pattern.pattern, re.IGNORECASE)
        roles.setdefault(rule.kind, []).append(pattern)
    return {role: tuple(patterns) for role, patterns in roles.items()}


def reader_comments(tree: Any, meta: _Meta, extracted_text: str | None,
                    is_furniture: Callable[[str], bool]) -> list[Comment]:
    """The page's reader comments: from markup, then JSON-LD, then trafilatura's leftovers
    (``extracted_text``) that ``is_furniture`` does not reject."""
    structured = _json_ld_comments(meta) + _embedded_comments(meta.embedded)
    return _merge_comments(_markup_comments(tree), structured, extracted_text, is_furniture)


def inside_comment(element: Any) -> bool:
    """Whether ``element`` lies inside a comment or a comment thread (its byline is a reader's)."""
    rules = _comment_rules()
    for ancestor in element.iterancestors():
        if _matches(ancestor, rules["item"]) or _matches(ancestor, rules["container"]):
            return True
    return False


def _comment_items(tree: Any) -> list[Any]:
    """Elements that each hold one reader comment, in document order."""
    rules = _comment_rules()
    candidates: list[Any] = []
    vendor: list[Any] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_COMMENT_TAGS:
            continue
        itemtype = (element.get("itemtype") or "").lower()
        if itemtype.endswith("/comment") or itemtype.endswith("/answer") or _matches(element, rules["item"]):
            candidates.append(element)
        elif _matches(element, _vendor_item_patterns()):
            vendor.append(element)
    marked = set(candidates) | set(vendor)
    # a plugin's prefixed class ("wpd-comment") counts when it holds a name and a text
    candidates.extend(e for e in vendor if _find_role(e, "author", marked) is not None
                      and _find_role(e, "content", marked) is not None)
    marked = set(candidates)
    # repeated structures inside a comment block: elements of the same tag and class,
    # each holding a name and a text, are comments even without "comment" in the class
    for container in [e for e in tree.iter() if isinstance(e.tag, str) and _matches(e, rules["container"])]:
        groups: dict[tuple[str, str], list[Any]] = {}
        for element in container.iterdescendants():
            if isinstance(element.tag, str) and element.get("class") and element not in marked:
                groups.setdefault((element.tag, element.get("class")), []).append(element)
        for group in groups.values():
            if len(group) >= 2 and all(_find_role(e, "author", marked) is not None
                                       and _find_role(e, "content", marked) is not None for e in group):
                candidates.extend(group)
                marked.update(group)
    containers = {e for e in tree.iter() if isinstance(e.tag, str) and _matches(e, rules["container"])}

    def plausible(element: Any) -> bool:
        # "comment" in a class outside any thread (a menu entry, a code comment) needs a name or a text part
        if element.find(".//form") is not None or element.find(".//textarea") is not None:
            return False
        return (any(a in containers for a in element.iterancestors())
                or "comment" in (element.get("itemtype") or "").lower()
                or _find_role(element, "author", marked) is not None
                or _find_role(element, "content", marked) is not None)

    candidates = [e for e in candidates if plausible(e) and not _matches(e, rules["linkback"])]
    order = {e: i for i, e in enumerate(tree.iter())}
    candidates.sort(key=lambda e: order.get(e, 0))
    return _merge_wrappers(candidates)


_NOT_COMMENT_TAGS = frozenset({"form", "textarea", "input", "a", "span", "img", "button", "label", "svg", "i"})


@lru_cache(maxsize=1)
def _vendor_item_patterns() -> tuple[re.Pattern[str], ...]:
    """Comment item patterns behind a short plugin prefix: "wpd-comment", "js-comment-item"."""
    return tuple(re.compile(r"[a-z]{1,5}[-_](?:" + p.pattern + ")", re.IGNORECASE) for p in _comment_rules()["item"])


def _signature(element: Any) -> tuple[str, str]:
    return element.tag, (element.get("class") or "").split()[0] if element.get("class") else ""


def _merge_wrappers(items: list[Any]) -> list[Any]:
    """Keep one element per comment. An item inside another item of a different
    shape, where the outer one has no text of its own, wraps the same comment
    (WordPress: ``li.comment > article.comment-body``); an item of the same shape
    nested inside is a reply."""
    item_set = set(items)
    dropped: set[Any] = set()
    for element in items:
        outer = next((a for a in element.iterancestors() if a in item_set and a not in dropped), None)
        if outer is None or _signature(outer) == _signature(element):
            continue
        if len(_element_text(outer, item_set).split()) < 3:
            dropped.add(element)
    return [e for e in items if e not in dropped]


def _find_role(item: Any, role: str, blocked: set[Any] | frozenset[Any] = frozenset()) -> Any:
    """The first element inside ``item`` playing ``role`` (earlier patterns win), outside nested comments."""
    rules = _comment_rules()
    item_patterns = rules["item"]
    descendants = []
    stack = list(reversed(list(item)))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element in blocked or (not blocked and _matches(element, item_patterns)):
            continue  # other comments, nested inside this one, keep their parts to themselves
        descendants.append(element)
        stack.extend(reversed(list(element)))
    itemprops = {"author": ("author", "creator"), "content": ("text", "commenttext", "description")}.get(role, ())
    for element in descendants:
        if (element.get("itemprop") or "").lower() in itemprops:
            return element
    for pattern in rules[role]:
        for element in descendants:
            if any(pattern.match(token) for token in _tokens(element)):
                return element
    return None


def _comment_author(item: Any, blocked: set[Any]) -> str | None:
    element = _find_role(item, "author", blocked)
    if element is None:
        return None
    named = element.xpath('.//*[@itemprop="name"]')
    if named:
        element = named[0]
    else:
        inner = _find_role(element, "author") if len(element) else None
        if inner is not None and _clean(inner.text_content()):
            element = inner
    text = _clean(element.get("content") or _element_text(element).split("\n")[0])
    text = re.sub(r"\s*(says|said|wrote|writes)\s*:?\s*$", "", text, flags=re.IGNORECASE).strip(" :")
    return text if 0 < len(text) <= 80 else None


def _own_elements(item: Any, blocked: set[Any]) -> list[Any]:
    """``item`` and its descendants, without the subtrees of other comments."""
    found = []
    stack = [item]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or (node is not item and node in blocked):
            continue
        found.append(node)
        stack.extend(reversed(list(node)))
    return found


def _comment_date(item: Any, blocked: set[Any]) -> str | None:
    for element in _own_elements(item, blocked):
        if element.tag == "time" or (element.get("itemprop") or "").lower() in {"datecreated", "datepublished"}:
            date = _iso_date(element.get("datetime") or element.get("content")) or _text_date(
                _clean(element.text_content()))
            if date:
                return date
    # a date written out in the comment's metadata ("May 2nd, 2020 at 6:15 pm")
    skip = _comment_rules()["skip"]
    for element in _own_elements(item, blocked):
        if element is not item and _matches(element, skip):
            date = _text_date(_clean(element.text_content()))
            if date:
                return date
    return None


def _comment_text(item: Any, blocked: set[Any]) -> str:
    rules = _comment_rules()
    content = _find_role(item, "content", blocked)
    if content is not None:
        return _element_text(content, blocked)
    # no marked text: the item without its name, metadata, reply links and replies
    furniture = rules["skip"] + rules["author"]
    skip = {e for e in _own_elements(item, blocked) if e is not item and _matches(e, furniture)}
    author = _find_role(item, "author", blocked)
    if author is not None:
        skip.add(author)
    return _element_text(item, skip | {e for e in item.iterdescendants() if e in blocked})


def _markup_comments(tree: Any) -> list[Comment]:
    items = _comment_items(tree)
    item_set = set(items)
    ids = {element: f"c{i + 1}" for i, element in enumerate(items)}
    comments = []
    for element in items:
        parent = next((a for a in element.iterancestors() if a in item_set), None)
        blocked = item_set  # an item is never its own descendant: this blocks the other comments only
        text = _comment_text(element, blocked)
        text = re.sub(r"(\n\n)?\b(Reply|Report|Like|Share)\s*$", "", text).strip()
        if not text:
            continue
        comments.append(Comment(id=ids[element], author=_comment_author(element, blocked),
                                parent=ids.get(parent) if parent is not None else None,
                                text=text, date=_comment_date(element, blocked)))
    known = {c.id for c in comments}
    # a reply whose parent held no text hangs from the thread's top instead
    return [c if c.parent is None or c.parent in known else Comment(c.id, c.author, None, c.text, c.date)
            for c in comments]


def _json_ld_comments(meta: _Meta) -> list[Comment]:
    """schema.org ``Comment`` objects: those under an object's ``comment`` (replies under
    theirs), then free-standing ones (a ``@graph`` of comments) with ``parentItem`` as parent."""
    comments: list[Comment] = []
    added: set[int] = set()
    ids: dict[str, str] = {}

    def add(value: Any, parent: str | None) -> None:
        for item in value if isinstance(value, list) else [value]:
            item = _resolve(meta, item)
            if not isinstance(item, dict) or id(item) in added or len(comments) > 2000:
                continue
            added.add(id(item))
            text = item.get("text") or item.get("commentText") or item.get("description")
            if not isinstance(text, str) or not _clean(text):
                continue
            names = _ld_names(meta, item.get("author") or item.get("creator"), False)
            comment_id = f"j{len(comments) + 1}"
            for key in ("@id", "url"):
                if isinstance(item.get(key), str):
                    ids[item[key]] = comment_id
            own_parent = parent
            if own_parent is None:  # this item's own, not the list's: the next item may have none
                reference = item.get("parentItem")
                reference = reference.get("@id") or reference.get("url") if isinstance(reference, dict) else reference
                own_parent = ids.get(reference) if isinstance(reference, str) else None
            comments.append(Comment(id=comment_id, author=names[0] if names else None, parent=own_parent,
                                    text=_clean(html_lib.unescape(_MARKUP_TAG.sub(" ", text))),
                                    date=_iso_date(item.get("dateCreated") or item.get("datePublished"))))
            add(item.get("comment"), comment_id)

    for obj in meta.objects:
        if "comment" in obj and not any(t == "comment" for t in _types(obj)):
            add(obj["comment"], None)
    for obj in meta.objects:
        if "comment" in _types(obj):
            add(obj, None)
    return comments


#: keys under which a page's embedded data (``__NEXT_DATA__``, ``window.__STATE__ = {...}``) lists comments
#: ("replies" and "children" count only under a comment already found: elsewhere they are any tree, menus included)
_THREAD_KEY = re.compile(r"^comments?(?:[-_]?(?:list|data|items|nodes|thread))?$", re.IGNORECASE)
_REPLY_KEYS = ("replies", "children", "comments", "childComments", "child_comments")
_TEXT_KEYS = ("body", "text", "content", "message", "comment", "commentText", "comment_text", "raw_message",
              "bodyText", "body_text", "html", "body_html")
_AUTHOR_KEYS = ("author", "user", "author_name", "authorName", "username", "userName", "display_name",
                "displayName", "name", "by", "commenter", "poster")
_NAME_KEYS = ("name", "displayName", "display_name", "username", "userName", "nickname", "screen_name")
_DATE_KEYS = ("dateCreated", "datePublished", "created_at", "createdAt", "created", "date", "posted_at",
              "postedAt", "published_at", "publishedAt", "timestamp", "time")
_PARENT_KEYS = ("parent", "parentId", "parent_id", "parentID", "in_reply_to", "replyTo", "reply_to")


def _plain(value: Any) -> str:
    """A JSON string as plain text: tags dropped, entities decoded, spaces collapsed."""
    return _clean(html_lib.unescape(_MARKUP_TAG.sub(" ", value))) if isinstance(value, str) else ""


def _embedded_name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = next((value[k] for k in _NAME_KEYS if isinstance(value.get(k), str) and value[k].strip()), None)
    name = _plain(value)
    return name if 0 < len(name) <= 80 and not name.startswith("http") else None


def _embedded_item(item: Any) -> tuple[str, str | None, str | None] | None:
    """``(text, author, date)`` of one comment in embedded data, or ``None`` when the
    object is not one: a comment has a text of a few words, and a writer or a date."""
    if not isinstance(item, dict):
        return None
    text = next((_plain(item[k]) for k in _TEXT_KEYS if isinstance(item.get(k), str) and _plain(item[k])), "")
    if len(text.split()) < 2:
        return None
    author = next((name for name in (_embedded_name(item.get(k)) for k in _AUTHOR_KEYS if k in item) if name), None)
    date = next((d for d in (_iso_date(item.get(k)) for k in _DATE_KEYS) if d), None)
    if author is None and date is None:
        return None
    return text, author, date


def _embedded_comments(data: list[Any]) -> list[Comment]:
    """Comments in a page's embedded data: a list under a "comments"-like key whose
    members each hold a text and a writer or a date. Replies nest under the members'
    reply lists, or point at their parent by id."""
    comments: list[Comment] = []
    ids: dict[str, str] = {}
    added: set[int] = set()

    def add(items: list[Any], parent: str | None) -> None:
        for item in items:
            found = _embedded_item(item)
            if found is None or id(item) in added or len(comments) > 2000:
                continue
            added.add(id(item))
            comment_id = f"e{len(comments) + 1}"
            own = item.get("id") or item.get("_id") or item.get("commentId") or item.get("comment_id")
            if isinstance(own, (str, int)):
                ids[str(own)] = comment_id
            reference = next((item[k] for k in _PARENT_KEYS if isinstance(item.get(k), (str, int))), None)
            text, author, date = found
            comments.append(Comment(id=comment_id, author=author, text=text, date=date,
                                    parent=parent or (ids.get(str(reference)) if reference is not None else None)))
            for key in _REPLY_KEYS:
                replies = _thread(item.get(key))
                if replies:
                    add(replies, comment_id)

    for root in data:
        for obj in _walk_objects(root):
            for key, value in obj.items():
                items = _thread(value) if _THREAD_KEY.match(key) else None
                # a thread: most members look like comments, not one stray object with a "text"
                if items and 2 * sum(_embedded_item(i) is not None for i in items) >= len(items):
                    add(items, None)
    return comments


def _thread(value: Any) -> list[Any] | None:
    """The list of comments ``value`` holds: itself, or under "items"/"nodes"/"edges"/"data"
    (GraphQL edges unwrapped)."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("items", "nodes", "edges", "data", "list", "results")
                      if isinstance(value.get(k), list)), None)
    if not isinstance(value, list) or not value:
        return None
    return [v["node"] if isinstance(v, dict) and isinstance(v.get("node"), dict) else v for v in value]


def _merge_comments(markup: list[Comment], ld: list[Comment], extracted_text: str | None,
                    is_furniture: Callable[[str], bool]) -> list[Comment]:
    """Markup comments, then JSON-LD and embedded-data ones not already seen, then trafilatura's leftovers
    (only substantial ones when the markup gave a thread: the rest is its furniture)."""
    comments = list(markup)
    seen = " ".join(_key(c.text) for c in comments)
    kept: set[str] = {c.id for c in comments}
    for comment in ld:
        if _key(comment.text) not in seen:
            if comment.parent is not None and comment.parent not in kept:
                # its parent was a duplicate of a markup comment, left out: no parent rather than a dangling one
                comment = dataclasses.replace(comment, parent=None)
            comments.append(comment)
            kept.add(comment.id)
            seen += " " + _key(comment.text)
    for line in (extracted_text or "").split("\n"):
        line = _clean(line)
        if len(line.split()) < 4 or is_furniture(line):
            continue  # thread furniture: "Loading comments...", "User comments", moderation notices
        if _key(line) not in seen and (not comments or len(line.split()) >= 8):
            comments.append(Comment(id=f"t{len(comments) + 1}", author=None, parent=None, text=line))
            seen += " " + _key(line)
    return comments

