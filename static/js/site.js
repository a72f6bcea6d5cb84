/* Every page: where the keyboard focus goes after a page load.
   - A form came back with errors: focus on its error summary (the GOV.UK pattern), so that a
     screen reader reads it first and Tab continues from there. A link in the summary moves the
     focus to its field and shows the field's label too.
   - The address names a part of the page (after adding a log entry, #entry-29): focus on it, so
     that reading and Tab continue from what was just added, not from the top. */
(function () {
  "use strict";

  function focusOn(element) {
    if (!element.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(element.tagName)) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    focusOn(summary);
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']") || field;
      label.scrollIntoView();
      field.focus({ preventScroll: true });
    });
    return;
  }

  if (window.location.hash.length > 1) {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target !== document.getElementById("main")) focusOn(target);
  }
})();

/* Sharing a page (templates/components/share.html): the device's share sheet and copying the link,
   each offered only where the browser can do it; the e-mail and WhatsApp links work without this. */
(function () {
  "use strict";

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.getAttribute("data-share-url");
    var title = box.getAttribute("data-share-title");
    var status = box.querySelector("[data-share-status]");
    var native = box.querySelector("[data-share-native]");
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.querySelector("button").addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
    var copy = box.querySelector("[data-share-copy]");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.querySelector("button").addEventListener("click", function () {
        status.textContent = "";
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = box.getAttribute("data-share-copied");
        }, function () {
          status.textContent = box.getAttribute("data-share-not-copied");
        });
      });
    }
  });
})();
