// The query page: load an example, run the query against /sparql, show the result as a table.
// Plain DOM, no libraries; every value is inserted as text, never as HTML.
(function () {
  "use strict";

  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const statusBox = document.getElementById("status");
  const results = document.getElementById("results");
  const permalink = document.getElementById("permalink");
  const base = form.dataset.base || "";

  function updatePermalink() {
    permalink.href = "/query?query=" + encodeURIComponent(textarea.value);
  }

  function localHref(uri) {
    // Our own URIs dereference on this service.
    return base && uri.startsWith(base) ? "/" + uri.slice(base.length) : uri;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function say(text, isError) {
    clear(statusBox);
    const p = document.createElement("p");
    p.textContent = text;
    if (isError) {
      p.className = "problem";
      p.setAttribute("role", "alert");
    }
    statusBox.appendChild(p);
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = localHref(term.value);
      a.textContent = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      const span = document.createElement("span");
      span.textContent = term.value;
      if (term["xml:lang"]) span.lang = term["xml:lang"];
      td.appendChild(span);
      const meta = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? shortType(term.datatype) : "";
      if (meta) {
        const small = document.createElement("small");
        small.className = "meta";
        small.textContent = " " + meta;
        td.appendChild(small);
      }
      if (/^-?[0-9.,]+$/.test(term.value)) td.className = "num";
    }
    return td;
  }

  function shortType(datatype) {
    const xsd = "http://www.w3.org/2001/XMLSchema#";
    if (datatype === xsd + "string") return "";
    return datatype.startsWith(xsd) ? "xsd:" + datatype.slice(xsd.length) : datatype;
  }

  function table(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings || [];
    const t = document.createElement("table");
    t.id = "results-table";
    const caption = document.createElement("caption");
    caption.textContent = rows.length + (rows.length === 1 ? " resultaat" : " resultaten");
    t.appendChild(caption);
    const thead = document.createElement("thead");
    const tr = document.createElement("tr");
    vars.forEach(function (v) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    t.appendChild(thead);
    const tbody = document.createElement("tbody");
    rows.forEach(function (binding) {
      const row = document.createElement("tr");
      vars.forEach(function (v) {
        row.appendChild(cell(binding[v]));
      });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    return t;
  }

  async function run(event) {
    if (event) event.preventDefault();
    updatePermalink();
    clear(results);
    say("Bezig…", false);
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: textarea.value }),
      });
    } catch (err) {
      say("Het endpoint is niet bereikbaar: " + err, true);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const type = response.headers.get("content-type") || "";
    const text = await response.text();
    if (!response.ok) {
      say("Fout " + response.status + ": " + text, true);
      return;
    }
    if (type.includes("sparql-results+json")) {
      const data = JSON.parse(text);
      if (typeof data.boolean === "boolean") {
        say("Antwoord: " + (data.boolean ? "ja (true)" : "nee (false)") + " · " + seconds + " s", false);
        return;
      }
      say((data.results.bindings || []).length + " rijen · " + seconds + " s", false);
      results.appendChild(table(data));
    } else {
      say("Resultaat (" + type.split(";")[0] + ") · " + seconds + " s", false);
      const pre = document.createElement("pre");
      pre.id = "results-graph";
      pre.textContent = text;
      results.appendChild(pre);
    }
  }

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      const template = document.getElementById("example-" + button.dataset.example);
      textarea.value = template.content.textContent.trim() + "\n";
      updatePermalink();
      textarea.focus();
    });
  });
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
  textarea.addEventListener("input", updatePermalink);
  form.addEventListener("submit", run);
  updatePermalink();
})();
