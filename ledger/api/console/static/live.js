// The log's new events as they commit, without reloading: the console's event stream
// (Server-Sent Events) from the position the page was drawn at. The ledger's position in
// the header is kept current, and each new event is listed with a link to its incident.
// Pages read at a past moment have no live panel: they show the ledger as it stood.
"use strict";
(() => {
  const panel = document.getElementById("live");
  if (!panel || !window.EventSource) return;
  const list = panel.querySelector("ol");
  const position = document.getElementById("log-position");
  const kept = 20;
  const stream = new EventSource(panel.dataset.stream);
  stream.onmessage = (message) => {
    const event = JSON.parse(message.data);
    position.textContent = String(event.position);
    const item = document.createElement("li");
    item.append(`${event.position} · ${event.type}`);
    const incident = event.data.incident_id;
    if (incident) {
      const link = document.createElement("a");
      link.href = `/console/incidents/${encodeURIComponent(incident)}`;
      link.textContent = event.data.title || incident;
      item.append(" · ", link);
    }
    list.prepend(item);
    while (list.children.length > kept) list.lastElementChild.remove();
    panel.hidden = false;
  };
})();
