// Names for the Wagtail admin's editing fields that have none (WCAG 4.1.2).
//
// Wagtail's rich-text editor (Draftail) puts a contenteditable textbox in place of the hidden
// input that the field's <label> points at, so screen readers announce an unnamed text box;
// the upstream report is wagtail/wagtail#14205. The fields of a StreamField block without a
// structure (a paragraph, a heading) have no label at all: only the block's heading says what
// they are; the labels of a structured block's fields point at nothing. Each such field is
// named after its field's label, or else after its block's type, also for blocks added later.
(() => {
  "use strict";

  const CONTROLS = [
    '[role="textbox"][contenteditable="true"]',
    "[data-field-input] input:not([type=hidden])",
    "[data-field-input] textarea",
  ].join(", ");
  let counter = 0;

  const idOf = (element) => {
    if (!element.id) {
      counter += 1;
      element.id = `admin-field-name-${counter}`;
    }
    return element.id;
  };

  const labelPointingAt = (element) =>
    element && element.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`) : null;

  const hasName = (control) =>
    control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby") || labelPointingAt(control);

  const labelFor = (control) => {
    const field = control.closest("[data-field-input]");
    const replaced = field && field.querySelector("input[type=hidden][id]");
    const block = control.closest("[data-contentpath]");
    if (labelPointingAt(replaced)) return labelPointingAt(replaced);
    if (!block) return null;
    // A field of a structured block: its label has no "for"; a simple block: its type.
    return block.querySelector(":scope > label") || block.querySelector(".c-sf-block__type");
  };

  const nameAll = () => {
    document.querySelectorAll(CONTROLS).forEach((control) => {
      if (hasName(control)) return;
      const label = labelFor(control);
      if (label) control.setAttribute("aria-labelledby", idOf(label));
    });
  };

  let pending = false;
  const start = () => {
    nameAll();
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        nameAll();
      });
    }).observe(document.body, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
