/* Search without a server: reads the index written at build time and ranks pages,
   titles above descriptions above body words, with simple plurals. */
(function () {
  "use strict";
  var root = document.querySelector(".ps-search");
  if (!root || !window.fetch) { return; }
  var noScript = root.querySelector(".ps-search__no-script");
  var input = root.querySelector(".ps-search__input");
  var status = root.querySelector(".ps-search__status");
  var results = root.querySelector(".ps-search__results");
  noScript.hidden = true;

  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) { return word.slice(0, -3) + "y"; }
    if (word.length > 4 && /(ches|shes|sses|xes)$/.test(word)) { return word.slice(0, -2); }
    if (word.length > 3 && /s$/.test(word) && !/ss$/.test(word)) { return word.slice(0, -1); }
    return word;
  }
  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; }).map(stem);
  }
  function score(entry, terms) {
    var title = words(entry[0]), description = words(entry[2]), body = words(entry[3]);
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], found = false;
      if (title.indexOf(term) >= 0) { total += 10; found = true; }
      if (description.indexOf(term) >= 0) { total += 3; found = true; }
      if (body.indexOf(term) >= 0) { total += 1; found = true; }
      if (!found) { return 0; }
    }
    return total;
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) { return; }
  fetch(root.getAttribute("data-index")).then(function (response) { return response.json(); }).then(function (index) {
    var terms = words(query);
    var ranked = index.map(function (entry) { return { entry: entry, score: score(entry, terms) }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.entry[0].localeCompare(b.entry[0]); });
    results.textContent = "";
    ranked.slice(0, 30).forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = r.entry[1];
      link.textContent = r.entry[0];
      var text = document.createElement("p");
      text.textContent = r.entry[2];
      item.appendChild(link);
      item.appendChild(text);
      results.appendChild(item);
    });
    status.textContent = ranked.length === 0 ? "No pages match '" + query + "'. Try fewer or different words, or use the A to Z."
      : ranked.length + (ranked.length === 1 ? " page matches" : " pages match") + " '" + query + "'.";
  }).catch(function () {
    noScript.hidden = false;
  });
}());
