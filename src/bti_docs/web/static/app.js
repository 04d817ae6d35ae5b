// Progressive enhancement for the generated forms (everything works without it, by full page posts):
// live messages at the fields the user has touched, the child-or-pregnancy switch, focus after htmx swaps.
(function () {
  "use strict";
  var touched = new Set();

  function keyOf(el) {
    var box = el.closest("[data-path]");
    if (box && box.id) return box.id;
    return el.id || "";
  }

  function setDescribed(el, errId, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids = ids.filter(function (x) { return x !== errId; });
    if (on) ids.push(errId);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  function applyLive(root) {
    var messages = {};
    root.querySelectorAll(".live-data li").forEach(function (li) {
      var f = li.getAttribute("data-field");
      (messages[f] = messages[f] || []).push(li.textContent);
    });
    document.querySelectorAll("#doc-form .field-error").forEach(function (box) {
      var id = box.id.slice(0, -4);
      var el = document.getElementById(id);
      var shown = !box.hidden;
      var msgs = messages[id];
      var show = !!msgs && (touched.has(id) || shown);
      if (show) {
        box.replaceChildren.apply(box, msgs.map(function (m) { var p = document.createElement("p"); p.textContent = m; return p; }));
        box.hidden = false;
      } else {
        box.hidden = true;
        box.replaceChildren();
      }
      if (el) {
        setDescribed(el, box.id, show);
        if (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
          if (show) el.setAttribute("aria-invalid", "true"); else el.removeAttribute("aria-invalid");
        }
      }
    });
  }

  function showSubject(value) {
    document.querySelectorAll("[data-subject]").forEach(function (fs) {
      fs.hidden = fs.getAttribute("data-subject") !== value;
    });
  }

  document.addEventListener("change", function (ev) {
    var el = ev.target;
    if (!(el instanceof Element) || !el.closest("#doc-form")) return;
    var key = keyOf(el);
    if (key) touched.add(key);
    if (el.hasAttribute("data-subject-choice")) showSubject(el.value);
  });

  document.addEventListener("htmx:afterSettle", function (ev) {
    var target = ev.detail && ev.detail.target;
    if (target && target.id === "live") applyLive(target);
    var focus = document.querySelector("[data-focus]");
    if (focus) {
      focus.removeAttribute("data-focus");
      var first = focus.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Without a choice yet, the server shows both groups (usable without scripts); here they wait for it.
    var chosen = document.querySelector("[data-subject-choice]:checked");
    if (document.querySelector("[data-subject-choice]")) showSubject(chosen ? chosen.value : "");
    var summary = document.querySelector("[data-autofocus]");
    if (summary) summary.focus();
  });
})();
