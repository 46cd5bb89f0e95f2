/* newsprism report: link each fact across the page. Holds no data: it reads escaped data- attributes and
   copies existing DOM nodes; it never parses markup (no innerHTML) and never builds a selector from data. */
(function () {
  "use strict";
  var root = document.querySelector("[data-np-report]");
  if (!root) { return; }
  var inspector = document.getElementById("np-inspector");
  var body = inspector ? inspector.querySelector("[data-np-body]") : null;
  var pinned = null;

  function toArray(list) { return Array.prototype.slice.call(list); }
  function withFact(attr, id) {
    return toArray(root.querySelectorAll("[" + attr + "]")).filter(function (el) {
      return el.getAttribute(attr) === id;
    });
  }
  function factOf(el) {
    var node = el;
    while (node && node !== root) {
      if (node.nodeType === 1 && node.hasAttribute("data-fact")) { return node; }
      node = node.parentNode;
    }
    return null;
  }
  function setClass(id, name, on) {
    withFact("data-fact", id).forEach(function (el) { el.classList.toggle(name, on); });
    if (name === "hl") {
      withFact("data-fact-row", id).forEach(function (el) { el.classList.toggle(name, on); });
    }
  }
  function scrollColumns(id) {
    toArray(root.querySelectorAll("[data-col]")).forEach(function (col) {
      var hit = toArray(col.querySelectorAll(".s[data-fact]")).filter(function (el) {
        return el.getAttribute("data-fact") === id;
      })[0];
      if (hit) { col.scrollTop = Math.max(0, hit.offsetTop - col.clientHeight / 3); }
    });
  }
  function element(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text) { el.textContent = text; }
    return el;
  }
  function showInspector(id) {
    if (!inspector || !body) { return; }
    var row = withFact("data-fact-row", id)[0];
    body.replaceChildren();
    var statement = row ? row.querySelector(".fact-statement") : null;
    body.appendChild(element("h4", "", statement ? statement.textContent : id));
    var group = row ? row.parentNode.querySelector(".group-row th") : null;
    var reporters = row ? toArray(row.querySelectorAll(".mark.yes .sr-only")).map(function (el) {
      return el.textContent.replace(/ reports this$/, "");
    }) : [];
    var line = id + (group ? " · " + group.textContent.trim() : "");
    if (reporters.length) { line += " · reported by " + reporters.join(", "); }
    body.appendChild(element("p", "kind-line", line));
    var evidence = row ? row.querySelector("details.evidence") : null;
    if (evidence) {
      var copy = evidence.cloneNode(true);
      copy.open = true;
      toArray(copy.querySelectorAll("[id]")).forEach(function (el) { el.removeAttribute("id"); });
      body.appendChild(copy);
    }
    inspector.hidden = false;
  }
  function clear() {
    if (pinned !== null) { setClass(pinned, "hl", false); }
    pinned = null;
    if (inspector) { inspector.hidden = true; }
  }
  function pin(id, scrollPage) {
    var again = pinned === id;
    clear();
    if (again && !scrollPage) { return; }
    pinned = id;
    setClass(id, "hl", true);
    scrollColumns(id);
    showInspector(id);
    if (scrollPage) {
      var first = withFact("data-fact", id).filter(function (el) { return el.classList.contains("s"); })[0];
      if (first) { first.scrollIntoView({ behavior: "smooth", block: "center" }); }
    }
  }

  root.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-np-close]")) { clear(); return; }
    var el = factOf(event.target);
    if (!el) { return; }
    var inText = el.classList.contains("s");
    if (el.tagName === "A") { event.preventDefault(); }
    pin(el.getAttribute("data-fact"), !inText);
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clear(); return; }
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var el = factOf(event.target);
    if (el && el.tagName !== "A") {
      event.preventDefault();
      pin(el.getAttribute("data-fact"), !el.classList.contains("s"));
    }
  });
  root.addEventListener("mouseover", function (event) {
    var el = factOf(event.target);
    if (el && el.classList.contains("s")) { setClass(el.getAttribute("data-fact"), "hover", true); }
  });
  root.addEventListener("mouseout", function (event) {
    var el = factOf(event.target);
    if (el && el.classList.contains("s")) { setClass(el.getAttribute("data-fact"), "hover", false); }
  });
}());
