// Horario web UI: small enhancements on pages that work without this file.
// - the new-schedule form preselects the browser's time zone;
// - the event-type form updates "Location will inherit from schedule" when the schedule changes;
// - the slug follows the title until it is edited;
// - "Copy" buttons copy a code block;
// - an error summary takes focus after a refused form, so screen readers read it first.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const zoneInput = document.querySelector("input[data-browser-zone]");
  if (zoneInput) {
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const known = document.querySelector(`#timezones option[value="${CSS.escape(zone)}"]`);
      if (zone && known) zoneInput.value = zone;
    } catch (error) {
      // Without Intl the user's zone stays preselected.
    }
  }

  const scheduleSelect = document.querySelector("#schedule_id");
  const inherited = document.querySelector("[data-inherited-location]");
  if (scheduleSelect && inherited) {
    scheduleSelect.addEventListener("change", () => {
      const option = scheduleSelect.selectedOptions[0];
      inherited.textContent = option ? option.dataset.location || "" : "";
    });
  }

  const title = document.querySelector("#title");
  const slug = document.querySelector("#slug");
  if (title && slug) {
    let edited = slug.value !== "";
    slug.addEventListener("input", () => { edited = slug.value !== ""; });
    title.addEventListener("input", () => {
      if (edited) return;
      slug.value = title.value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);
    });
  }

  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const source = document.querySelector(button.dataset.copy);
      if (!source || !navigator.clipboard) return;
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = "✓";
    });
  }

  // The booking page: show times in the browser's zone unless one was chosen.
  const zoneForm = document.querySelector("form[data-auto-zone]");
  if (zoneForm && !new URLSearchParams(location.search).has("tz")) {
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const input = zoneForm.querySelector("input[name=tz]");
      const known = document.querySelector(`#timezones option[value="${CSS.escape(zone)}"]`);
      if (zone && known && input && input.value !== zone) {
        input.value = zone;
        zoneForm.submit();
        return;
      }
    } catch (error) {
      // Without Intl the expert's zone stays, and the selector is there.
    }
  }

  // After choosing a day, the focus goes to its times (the MOJ date-picker pattern).
  // On "load", after the browser has scrolled to the #slots fragment, which would undo it.
  const dayHeading = document.querySelector("[data-focus-when-date]");
  if (dayHeading && new URLSearchParams(location.search).has("date")) {
    window.addEventListener("load", () => dayHeading.focus());
  }

  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
});
