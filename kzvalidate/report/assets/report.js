"use strict";
// Show only the findings of the ticked severities and the chosen rule, and only the articles and
// files that still have one; with scripts off, the filters stay hidden and everything is shown.
(() => {
  const filters = document.getElementById("filters");
  const rule = document.getElementById("rule-filter");
  const status = document.getElementById("filter-status");
  const groups = Array.from(document.querySelectorAll(".group, .file"));
  const findings = Array.from(document.querySelectorAll(".finding"), (item) => ({
    item,
    severity: item.dataset.severity,
    rule: item.dataset.rule,
    places: [item.closest(".group"), item.closest(".file")],
  }));

  function apply() {
    const severities = new Set(
      Array.from(filters.querySelectorAll("input[name=severity]:checked"), (box) => box.value),
    );
    const occupied = new Set();
    let shown = 0;
    for (const finding of findings) {
      const wanted = severities.has(finding.severity) && (!rule.value || finding.rule === rule.value);
      if (finding.item.hidden === wanted) finding.item.hidden = !wanted;
      if (wanted) {
        shown += 1;
        finding.places.forEach((place) => occupied.add(place));
      }
    }
    for (const group of groups) group.hidden = !occupied.has(group);
    status.textContent = shown === findings.length
      ? `Showing all ${findings.length} findings.`
      : `Showing ${shown} of ${findings.length} findings; the filters above hide the others.`;
  }

  filters.hidden = false;
  filters.addEventListener("change", apply);
  apply();
})();
