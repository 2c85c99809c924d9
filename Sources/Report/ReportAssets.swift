/// The report's stylesheet and script, written beside its pages (the report's
/// Content-Security-Policy allows no inline style or script).
enum ReportAssets {
    static let stylesheet = """
        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 1rem;
          line-height: 1.5; color: #0b0c0c; background: #fff; }
        main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; }
        h3 { font-size: 1.1875rem; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
        p { max-width: 40em; }
        a { color: #1d4f91; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
        a:hover { text-decoration-thickness: 3px; }
        a:focus, button:focus, select:focus, input:focus, [tabindex]:focus { outline: 3px solid #fd0; outline-offset: 0;
          background: #fd0; color: #0b0c0c; box-shadow: 0 -2px #fd0, 0 4px #0b0c0c; }
        .skip-link { position: absolute; left: -999em; }
        .skip-link:focus { position: static; display: inline-block; padding: 0.5rem; }
        .header { background: #0b0c0c; color: #fff; padding: 0.5rem 1rem; }
        .header p { margin: 0; font-weight: 700; }
        .footer { border-top: 1px solid #b1b4b6; padding: 1rem; color: #505a5f; }
        .summary { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; list-style: none; padding: 0; }
        .filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; background: #f3f2f1; padding: 1rem; }
        .filters[hidden] { display: none; }
        .filters h2 { flex-basis: 100%; margin: 0; font-size: 1.1875rem; }
        .filters p { flex-basis: 100%; margin: 0; }
        .field { display: flex; flex-direction: column; }
        label { font-weight: 700; }
        select, input { font: inherit; min-height: 2.75rem; border: 2px solid #0b0c0c; padding: 0.25rem; background: #fff; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; font-weight: 700; padding: 0.5rem 0; }
        th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid #b1b4b6; }
        td { font-variant-numeric: tabular-nums; }
        thead th button { font: inherit; font-weight: 700; border: 0; background: none; padding: 0.5rem 0; min-height: 2.75rem;
          color: #1d4f91; text-decoration: underline; cursor: pointer; }
        thead th[aria-sort="ascending"] button::after { content: " \\2191"; }
        thead th[aria-sort="descending"] button::after { content: " \\2193"; }
        .file { display: block; font-weight: 400; color: #505a5f; overflow-wrap: anywhere; }
        .file-problems { border-top: 2px solid #0b0c0c; padding-top: 0.75rem; margin-top: 1.5rem; }
        .problems { list-style: none; padding: 0; margin: 0; }
        .problem { border-left: 5px solid #505a5f; padding: 0.25rem 0 0.25rem 0.75rem; margin: 0.75rem 0; }
        .problem p { margin: 0.25rem 0; overflow-wrap: anywhere; }
        th, td { overflow-wrap: anywhere; }
        .problem--error { border-color: #d4351c; }
        .problem--warning { border-color: #6f4e00; }
        .tag { display: inline-block; padding: 0 0.4rem; color: #fff; background: #505a5f; }
        .tag--error { background: #b0281a; }
        .tag--warning { background: #6f4e00; }
        .rule { color: #505a5f; }
        .source { font-family: ui-monospace, Menlo, Consolas, monospace; padding-left: 3.5em; }
        .source > li { padding: 0 0.25rem; }
        .source > li::marker { color: #505a5f; }
        .source code { white-space: pre-wrap; overflow-wrap: anywhere; }
        .source > li.has-problem { background: #fff7bf; }
        .source .problem { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; background: #fff; }
        :target { outline: 3px solid #fd0; }
        @media (min-width: 40em) { h1 { font-size: 2.5rem; } }
        @media print { .filters, .skip-link { display: none; } }
        """

    /// A plain page icon, so browsers do not ask for a missing favicon.ico.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#0b0c0c"/><path d="M4 4h8M4 8h8M4 12h5" stroke="#fff" stroke-width="2"/></svg>

        """

    static let script = """
        // Sorting and filtering for the content report. Without this script every row is shown.
        (function () {
          "use strict";
          var table = document.getElementById("pages-table");
          var form = document.getElementById("filters");
          if (!table || !form) { return; }
          var body = table.tBodies[0];
          var headers = table.tHead.rows[0].cells;
          Array.prototype.forEach.call(headers, function (header, column) {
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = header.textContent;
            header.textContent = "";
            header.appendChild(button);
            header.setAttribute("aria-sort", "none");
            button.addEventListener("click", function () {
              var ascending = header.getAttribute("aria-sort") !== "ascending";
              Array.prototype.forEach.call(headers, function (other) { other.setAttribute("aria-sort", "none"); });
              header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var numeric = header.hasAttribute("data-type");
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column], y = b.cells[column];
                var order;
                if (numeric) {
                  var p = parseFloat(x.getAttribute("data-value")), q = parseFloat(y.getAttribute("data-value"));
                  order = (isNaN(p) ? -1 : p) - (isNaN(q) ? -1 : q);
                } else {
                  order = x.textContent.localeCompare(y.textContent);
                }
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
          var site = document.getElementById("filter-site");
          var severity = document.getElementById("filter-severity");
          var text = document.getElementById("filter-text");
          var status = document.getElementById("filter-status");
          var ranks = { error: 3, warning: 2, suggestion: 1, none: 0 };
          var needed = { "": 0, error: 3, warning: 2, any: 1 };
          function shown(element) {
            var elementSite = element.getAttribute("data-site");
            if (site.value && elementSite && elementSite !== site.value) { return false; }
            if (site.value && !elementSite) { return false; }
            if (ranks[element.getAttribute("data-worst")] < needed[severity.value]) { return false; }
            var words = text.value.trim().toLowerCase();
            return !words || element.textContent.toLowerCase().indexOf(words) !== -1;
          }
          function update() {
            var count = 0;
            Array.prototype.forEach.call(body.rows, function (row) {
              row.hidden = !shown(row);
              if (!row.hidden) { count += 1; }
            });
            document.querySelectorAll(".file-problems").forEach(function (section) { section.hidden = !shown(section); });
            status.textContent = "Showing " + count + " of " + body.rows.length + " pages.";
          }
          form.addEventListener("submit", function (event) { event.preventDefault(); });
          [site, severity].forEach(function (control) { control.addEventListener("change", update); });
          text.addEventListener("input", update);
          form.hidden = false;
          update();
        }());
        """
}
