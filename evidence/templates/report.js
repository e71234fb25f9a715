// Behaviour of the self-contained review report: source sentences on hover, and a marker that
// says whether the page ran without script errors (read by the headless-browser test).
(function () {
  "use strict";
  var status = document.getElementById("script-status");
  window.addEventListener("error", function (event) {
    if (status) { status.setAttribute("data-status", "error"); status.textContent = "script error: " + event.message; }
  });
  function setup() {
    var tip = document.getElementById("tooltip");
    var values = document.querySelectorAll("span.v[data-source]");
    values.forEach(function (el) {
      el.addEventListener("mouseenter", function () {
        tip.textContent = el.getAttribute("data-source");
        tip.style.display = "block";
      });
      el.addEventListener("mousemove", function (e) {
        tip.style.left = Math.min(e.clientX + 14, window.innerWidth - 540) + "px";
        tip.style.top = (e.clientY + 16) + "px";
      });
      el.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    });
    if (status && status.getAttribute("data-status") !== "error") {
      status.setAttribute("data-status", "ok");
      status.textContent = "report scripts ran (" + values.length + " values with sources)";
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
