// The interactive network maps: one Cytoscape.js viewer per coalition, started when its
// section is first opened. Reads each map's data from a JSON block (never executed) and
// writes every name with textContent, never as HTML.
(function () {
  "use strict";
  if (typeof cytoscape !== "function") { return; }
  var stringsNode = document.getElementById("netmap-strings");
  if (!stringsNode) { return; }
  var S = JSON.parse(stringsNode.textContent);
  var SEV = { high: "#b00020", watch: "#d55e00", info: "#59636e" };
  var TYPE_FIELDS = ["name", "type", "province", "degree", "betweenness", "flags"];

  function sizes(nodes, key) {
    var values = nodes.map(function (n) { return n.size[key]; });
    var known = values.filter(function (v) { return v !== null; });
    var lo = Math.min.apply(null, known.concat([0]));
    var hi = Math.max.apply(null, known.concat([0]));
    return values.map(function (v) {
      if (v === null || hi <= lo) { return 14; }
      return 10 + 34 * Math.sqrt((v - lo) / (hi - lo));
    });
  }

  function showCard(box, node) {
    var card = box.querySelector(".map-card");
    var list = card.querySelector("dl");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    TYPE_FIELDS.forEach(function (key) {
      var dt = document.createElement("dt");
      dt.textContent = S.fields[key];
      var dd = document.createElement("dd");
      dd.textContent = node.data(key);
      list.appendChild(dt);
      list.appendChild(dd);
    });
    card.querySelector(".map-hint").hidden = true;
    card.classList.add("open");
  }

  function start(box) {
    if (box.getAttribute("data-started")) { return; }
    box.setAttribute("data-started", "1");
    var data = JSON.parse(box.querySelector("script.map-data").textContent);
    var canvas = box.querySelector(".map-canvas");
    var sizeOf = sizes(data.nodes, "degree");
    var elements = data.nodes.map(function (n, i) {
      return {
        group: "nodes",
        data: {
          id: n.id, name: n.name, type: n.type, province: n.province, degree: n.degree,
          betweenness: n.betweenness, flags: n.flags, sev: n.sev || "none",
          label: n.named ? n.name : "", size: sizeOf[i]
        },
        position: { x: n.x, y: n.y }
      };
    }).concat(data.edges.map(function (e, i) {
      // a tie is [source index, target index, "its layers"] (see netmap.py)
      return { group: "edges", data: { id: "e" + i, source: "n" + e[0], target: "n" + e[1], layers: e[2] } };
    }));
    var cy = cytoscape({
      container: canvas,
      elements: elements,
      layout: { name: "preset", fit: true, padding: 24 },
      minZoom: 0.2,
      maxZoom: 6,
      style: [
        { selector: "node", style: {
          "width": "data(size)", "height": "data(size)", "background-color": "#0072b2",
          "border-width": 1, "border-color": "#ffffff", "label": "data(label)",
          "font-size": 11, "color": "#1f2328", "text-valign": "top", "text-margin-y": -3,
          "text-outline-color": "#ffffff", "text-outline-width": 2, "min-zoomed-font-size": 7
        } },
        { selector: "node[sev = 'high']", style: { "border-width": 3, "border-color": SEV.high } },
        { selector: "node[sev = 'watch']", style: { "border-width": 3, "border-color": SEV.watch } },
        { selector: "node[sev = 'info']", style: { "border-width": 2, "border-color": SEV.info } },
        { selector: "edge", style: { "width": 1, "line-color": "#9aa5b1", "opacity": 0.7 } },
        { selector: "edge.off", style: { "display": "none" } },
        { selector: ".faded", style: { "opacity": 0.15 } },
        { selector: "node.match", style: {
          "background-color": "#e69f00", "border-width": 4, "border-color": "#1f2328",
          "label": "data(name)", "z-index": 10
        } },
        { selector: "node.active", style: { "label": "data(name)", "z-index": 11 } }
      ]
    });
    canvas.lsmnetMap = cy;
    cy.on("mouseover tap", "node", function (event) {
      cy.nodes().removeClass("active");
      event.target.addClass("active");
      showCard(box, event.target);
    });
    cy.on("tap", function (event) {
      if (event.target === cy) {
        cy.nodes().removeClass("active");
      }
    });
    function showLayers() {
      var on = {};
      box.querySelectorAll("input.map-layer").forEach(function (i) { on[i.value] = i.checked; });
      cy.batch(function () {
        cy.edges().forEach(function (edge) {
          var shown = edge.data("layers").split(" ").some(function (l) { return on[l]; });
          if (shown) { edge.removeClass("off"); } else { edge.addClass("off"); }
        });
      });
    }
    box.querySelectorAll("input.map-layer").forEach(function (input) {
      input.addEventListener("change", showLayers);
    });
    // a browser may restore unchecked boxes (back button) before the map starts
    showLayers();
    var select = box.querySelector("select.map-size");
    select.addEventListener("change", function () {
      var next = sizes(data.nodes, select.value);
      cy.nodes().forEach(function (node, i) { node.data("size", next[i]); });
    });
    var search = box.querySelector("input.map-search");
    var results = box.querySelector(".map-results");
    search.addEventListener("input", function () {
      var q = search.value.trim().toLocaleLowerCase();
      cy.elements().removeClass("faded match");
      while (results.firstChild) { results.removeChild(results.firstChild); }
      if (!q) { return; }
      var found = cy.nodes().filter(function (n) {
        return n.data("name").toLocaleLowerCase().indexOf(q) !== -1;
      });
      var status = document.createElement("p");
      status.textContent = found.length ? S.matches + " " + found.length : S.no_match;
      results.appendChild(status);
      if (!found.length) { return; }
      cy.elements().addClass("faded");
      found.removeClass("faded").addClass("match");
      var list = document.createElement("ul");
      found.slice(0, 8).forEach(function (node) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = node.data("name");
        button.addEventListener("click", function () { showCard(box, node); });
        item.appendChild(button);
        list.appendChild(item);
      });
      results.appendChild(list);
      if (found.length === 1) { showCard(box, found[0]); }
    });
  }

  document.querySelectorAll(".netmap").forEach(function (box) {
    var section = box.closest("details");
    if (!section || section.open) { start(box); return; }
    section.addEventListener("toggle", function () { if (section.open) { start(box); } });
  });
}());
