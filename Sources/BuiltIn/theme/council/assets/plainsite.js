/* Plainsite council theme. Every page works without this file: it only enhances.
   - Menu: on narrow screens the main menu folds behind a "Menu" button.
   - Listen to this page: reads the main content aloud with the browser's own speech
     synthesis (the Web Speech API), shown only where the browser supports it. */
(function () {
  "use strict";

  function setUpMenu() {
    var button = document.querySelector(".ps-menu-toggle");
    var nav = document.getElementById("ps-nav");
    if (!button || !nav) { return; }
    var narrow = window.matchMedia("(max-width: 40em)");
    function apply() {
      if (narrow.matches) {
        button.hidden = false;
        var open = button.getAttribute("aria-expanded") === "true";
        nav.hidden = !open;
      } else {
        button.hidden = true;
        nav.hidden = false;
      }
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      apply();
    });
    if (narrow.addEventListener) { narrow.addEventListener("change", apply); }
    apply();
  }

  function setUpReadAloud() {
    var panel = document.querySelector(".ps-read-aloud");
    var main = document.getElementById("main-content");
    if (!panel || !main || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") { return; }
    var listen = panel.querySelector("[data-action=listen]");
    var pause = panel.querySelector("[data-action=pause]");
    var stop = panel.querySelector("[data-action=stop]");
    var status = panel.querySelector("[role=status]");
    var synth = window.speechSynthesis;

    function show(state) {
      listen.hidden = state !== "stopped";
      pause.hidden = state === "stopped";
      stop.hidden = state === "stopped";
      // The words come from the theme's translations, on the panel's data attributes.
      pause.textContent = state === "paused" ? panel.getAttribute("data-resume") : panel.getAttribute("data-pause");
      status.textContent = state === "speaking" ? panel.getAttribute("data-speaking") : state === "paused" ? panel.getAttribute("data-paused") : "";
    }

    function text() {
      var copy = main.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll(".ps-read-aloud, [aria-hidden=true], script, style"), function (node) {
        node.parentNode.removeChild(node);
      });
      return copy.textContent.replace(/\s+/g, " ").trim();
    }

    listen.addEventListener("click", function () {
      synth.cancel();
      var utterance = new window.SpeechSynthesisUtterance(text());
      utterance.lang = document.documentElement.lang || "en-GB";
      utterance.onend = function () { show("stopped"); listen.focus(); };
      synth.speak(utterance);
      show("speaking");
      pause.focus();
    });
    pause.addEventListener("click", function () {
      if (synth.paused) { synth.resume(); show("speaking"); } else { synth.pause(); show("paused"); }
    });
    stop.addEventListener("click", function () {
      synth.cancel();
      show("stopped");
      listen.focus();
    });
    panel.hidden = false;
    show("stopped");
  }

  setUpMenu();
  setUpReadAloud();
}());
