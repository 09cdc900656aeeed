// The query page: YASGUI (fetched from the npm registry at build time, see setup.py) on the
// local endpoint, with the dataset's prefixes, the project's example queries, paged results
// and downloads. Nothing is loaded from another host: prefix completion reads the dataset's
// prefixes from this service, and LOV's property/class completion is switched off.
(function () {
  "use strict";

  const root = document.getElementById("yasgui");
  const endpoint = new URL(root.dataset.endpoint, window.location.href).href;
  const initial = document.getElementById("initial-query").content.textContent;

  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    copyEndpointOnNewTab: true,
    // No tabs remembered across visits: the page opens on its own (or the linked) query.
    persistenceId: null,
    yasqe: {
      value: initial,
      prefixCcApi: new URL(root.dataset.prefixes, window.location.href).href,
      autocompleters: ["prefixes", "variables"],
      editorHeight: "22rem",
    },
    // IRIs in the result table shortened with the dataset's prefixes (gg:, ggid:, ...)
    yasr: { defaultPlugin: "table", prefixes: JSON.parse(root.dataset.prefixMap) },
  });

  function yasqe() {
    return yasgui.getTab().getYasqe();
  }

  document.querySelectorAll("button[data-example]").forEach((button) => {
    button.addEventListener("click", () => {
      const template = document.getElementById("example-" + button.dataset.example);
      yasqe().setValue(template.content.textContent.trim() + "\n");
      yasqe().focus();
    });
  });

  // "Open in YASGUI": the hosted YASGUI with this query and this endpoint (CORS lets it read).
  const elsewhere = document.getElementById("open-elsewhere");
  elsewhere.addEventListener("click", () => {
    const params = new URLSearchParams({ query: yasqe().getValue(), endpoint: endpoint });
    elsewhere.href = "https://yasgui.triply.cc/#" + params.toString();
  });

  window.gemeentegraafYasgui = yasgui; // for the browser tests and the console
})();
