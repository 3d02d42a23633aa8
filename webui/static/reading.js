// Progressive enhancement for the reading pages; every page works without it.
// Loaded from a file (the Content-Security-Policy forbids inline scripts).
(function () {
  "use strict";

  function status(button, text) {
    var note = button.nextElementSibling;
    if (!note || !note.classList.contains("copy-status")) {
      note = document.createElement("span");
      note.className = "copy-status";
      note.setAttribute("role", "status");
      button.parentNode.insertBefore(note, button.nextSibling);
    }
    note.textContent = text;
  }

  function copy(button) {
    var text = button.getAttribute("data-copy") || "";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        status(button, "Copied");
      }, function () {
        status(button, "Copy failed: select the citation and copy it");
      });
      return;
    }
    status(button, "Copy not available here: select the citation and copy it");
  }

  function init() {
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
