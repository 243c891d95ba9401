/* Octavo's default theme: the reader's light or dark choice (remembered in localStorage), the
 * menu closing with Escape, code highlighting with highlight.js (loaded only on pages with code),
 * and the copy button of a page's citation.
 * Everything here is an extra: with JavaScript off the page follows the system's colour scheme,
 * the menu opens and closes as a <details> element, and code shows plain. */
(function () {
  var root = document.documentElement, key = "octavo-theme";
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var stored = null;
  try { stored = window.localStorage.getItem(key); } catch (ignored) { /* storage off */ }
  // Runs in <head>, before the body is drawn, so a remembered choice never flashes the other scheme.
  if (stored === "dark" || stored === "light") root.setAttribute("data-theme", stored);
  var script = document.currentScript;
  var assets = script ? script.src.replace(/theme\.js(\?.*)?$/, "") : "";

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : !!(system && system.matches);
  }

  function themeToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function show() { button.setAttribute("aria-pressed", isDark() ? "true" : "false"); }
    show();
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { window.localStorage.setItem(key, next); } catch (ignored) { /* the choice lasts this page */ }
      show();
    });
    if (system && system.addEventListener) system.addEventListener("change", show);
  }

  function menu() {
    var details = document.querySelector(".site-menu");
    if (!details) return;
    // Browsers without ::details-content cannot show a closed <details> as the wide-screen sidebar.
    var wide = window.matchMedia && window.matchMedia("(min-width: 50.01rem)");
    if (wide && wide.matches && !(window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) details.open = true;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !details.open || (wide && wide.matches)) return;
      details.open = false;
      details.querySelector("summary").focus();
    });
  }

  function highlight() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("pre > code[class*='language-']"));
    if (!blocks.length || !assets) return;
    var loader = document.createElement("script");
    loader.src = assets + "highlight.min.js";
    loader.onload = function () {
      var hljs = window.hljs;
      if (!hljs) return;
      // Debian's highlight.js 9 would print an end-of-life notice; Debian keeps it patched.
      if (hljs.configure) hljs.configure({ hideUpgradeWarningAcceptNoSupportOrSecurityUpdates: true });
      blocks.forEach(function (code) {
        var match = /(?:^|\s)language-(\S+)/.exec(code.className);
        // An unknown language stays plain code: no guessing.
        if (!match || !hljs.getLanguage(match[1])) return;
        code.innerHTML = hljs.highlight(match[1], code.textContent, true).value;
        code.classList.add("hljs");
      });
      scrollableCode();
    };
    document.head.appendChild(loader);
  }

  // A code block wider than the screen scrolls; keyboard users can scroll it once it takes focus.
  function scrollableCode() {
    Array.prototype.forEach.call(document.querySelectorAll("pre"), function (pre) {
      if (pre.scrollWidth > pre.clientWidth && !pre.hasAttribute("tabindex")) pre.setAttribute("tabindex", "0");
    });
  }

  // "Copy citation": the citation stays plain text to select without JavaScript; the button shows only with it.
  function citeCopy() {
    Array.prototype.forEach.call(document.querySelectorAll(".cite-copy"), function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      var label = button.textContent;
      function done() {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      }
      // Pages opened from file:// have no navigator.clipboard: select the text and copy that.
      function copyBySelection() {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { if (document.execCommand("copy")) done(); } catch (ignored) { /* the text stays selected to copy by hand */ }
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(source.textContent).then(done, copyBySelection);
        } else {
          copyBySelection();
        }
      });
    });
  }

  function start() { themeToggle(); menu(); highlight(); scrollableCode(); citeCopy(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
