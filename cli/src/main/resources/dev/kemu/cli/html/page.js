(function () {
  "use strict";
  var steps = Array.prototype.slice.call(document.querySelectorAll("section.step"));
  var jump = document.getElementById("jump");
  var where = document.getElementById("where");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var all = document.getElementById("all");
  var cur = 0;
  if (steps.length === 0) {
    return;
  }
  function indexOf(id) {
    for (var i = 0; i < steps.length; i++) {
      if (steps[i].id === id) {
        return i;
      }
    }
    return -1;
  }
  function show(i, keepHash) {
    cur = Math.max(0, Math.min(steps.length - 1, i));
    var every = document.body.classList.contains("all");
    for (var j = 0; j < steps.length; j++) {
      steps[j].hidden = !every && j !== cur;
    }
    jump.value = steps[cur].id;
    prev.disabled = cur === 0;
    next.disabled = cur === steps.length - 1;
    where.textContent = "Call " + (cur + 1) + " of " + steps.length + ", " + steps[cur].getAttribute("data-summary");
    if (!keepHash && location.hash !== "#" + steps[cur].id) {
      try {
        history.replaceState(null, "", "#" + steps[cur].id);
      } catch (e) {
        // a browser that keeps file: pages from changing their address: the page still steps
      }
    }
  }
  function fromHash() {
    var i = indexOf(decodeURIComponent(location.hash.slice(1)));
    show(i < 0 ? 0 : i, true);
    if (i >= 0 && document.body.classList.contains("all")) {
      steps[i].scrollIntoView();
    } else {
      window.scrollTo(0, 0);
    }
  }
  prev.addEventListener("click", function () { show(cur - 1); });
  next.addEventListener("click", function () { show(cur + 1); });
  jump.addEventListener("change", function () {
    show(indexOf(jump.value));
    steps[cur].querySelector("h2").focus({ preventScroll: true });
  });
  all.addEventListener("click", function () {
    var on = document.body.classList.toggle("all");
    all.setAttribute("aria-pressed", on ? "true" : "false");
    show(cur);
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target && e.target.tagName;
    if (t === "SELECT" || t === "INPUT" || t === "TEXTAREA" || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    var to = e.key === "ArrowRight" ? cur + 1 : e.key === "ArrowLeft" ? cur - 1
      : e.key === "Home" ? 0 : e.key === "End" ? steps.length - 1 : null;
    if (to !== null) {
      e.preventDefault();
      show(to);
    }
  });
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("beforeprint", function () {
    steps.forEach(function (s) { s.hidden = false; });
  });
  window.addEventListener("afterprint", function () { show(cur, true); });
  steps.forEach(function (s) { s.querySelector("h2").setAttribute("tabindex", "-1"); });
  fromHash();
})();
