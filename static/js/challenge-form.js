/* Posting form: while the title is typed, show live challenges that look alike, so that
   people can see whether their question is already on the site. Without this script the
   preview page shows the same list. */
(function () {
  "use strict";
  var form = document.querySelector("[data-similar-url]");
  if (!form || !window.fetch) return;
  var title = form.querySelector("input[name='title']");
  var region = document.getElementById("similar-challenges");
  if (!title || !region) return;
  var timer = null;
  var lastAsked = "";

  function ask() {
    var value = title.value.trim();
    if (value.length < 4 || value === lastAsked) return;
    lastAsked = value;
    var url = form.getAttribute("data-similar-url") + "?title=" + encodeURIComponent(value);
    var exclude = form.getAttribute("data-challenge");
    if (exclude) url += "&exclude=" + encodeURIComponent(exclude);
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (value === lastAsked) region.innerHTML = html; })
      .catch(function () { /* Only a hint: the form works without it. */ });
  }

  title.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 400);
  });
  if (title.value) ask();
})();
