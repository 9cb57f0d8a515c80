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

  const printButton = document.querySelector("button[data-print]");
  if (printButton) printButton.addEventListener("click", () => window.print());

  const calendarGrid = document.querySelector("[data-drop-grid]");
  enableDragToReschedule(calendarGrid);
  // Keep the now-line on the time as the page stays open (the server placed it at load).
  const nowLine = calendarGrid && calendarGrid.querySelector(".now");
  if (nowLine) {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone: calendarGrid.dataset.zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    setInterval(() => {
      const [hour, minute] = parts.format(new Date()).split(":").map(Number);
      nowLine.className = nowLine.className.replace(/\br-\d+/, "r-" + (Math.floor((hour * 60 + minute) / 5) + 1));
    }, 60000);
  }

  // Open the day and week views at the first booking, or at 7:00.
  const scroller = document.querySelector(".cal-scroll");
  if (scroller && calendarGrid) {
    const first = Array.from(calendarGrid.querySelectorAll(".ev, .busy")).sort((a, b) => a.offsetTop - b.offsetTop)[0];
    const seven = calendarGrid.querySelector(".hour.r-85");
    const anchor = first || seven;
    if (anchor) scroller.scrollTop = Math.max(0, anchor.offsetTop - 40);
  }

  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
});

// Drag a booking by its grip to another day or time of the week or day view, snapping to
// 5 minutes; the move is confirmed, then posted like the booking's own "Reschedule…" form
// (its keyboard equivalent). The server re-checks it; a conflict comes back as a notice.
function enableDragToReschedule(grid) {
  if (!grid) return;
  const form = document.getElementById("drag-form");
  const columns = Array.from(grid.querySelectorAll(".cal-col"));
  const rowsPerDay = 288;
  let drag = null;

  function target(event) {
    const box = grid.getBoundingClientRect();
    const column = columns.find((c) => { const r = c.getBoundingClientRect(); return event.clientX >= r.left && event.clientX < r.right; });
    if (!column) return null;
    const rowHeight = box.height / rowsPerDay;
    const row = Math.max(0, Math.min(rowsPerDay - 1, Math.round((event.clientY - box.top - drag.offsetY) / rowHeight)));
    return { column, row, rowHeight, box };
  }

  function pad(number) { return String(number).padStart(2, "0"); }

  grid.addEventListener("pointerdown", (event) => {
    const grip = event.target.closest(".grip");
    if (!grip) return;
    const block = grip.closest(".ev");
    event.preventDefault();
    grip.setPointerCapture(event.pointerId);
    const rect = block.getBoundingClientRect();
    drag = { block, grip, startX: event.clientX, startY: event.clientY, offsetY: event.clientY - rect.top, moved: false, ghost: null, spot: null };
  });

  grid.addEventListener("pointermove", (event) => {
    if (!drag) return;
    if (!drag.moved && Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < 6) return;
    drag.moved = true;
    drag.block.classList.add("dragging");
    const spot = target(event);
    if (!spot) return;
    drag.spot = spot;
    if (!drag.ghost) { drag.ghost = document.createElement("div"); drag.ghost.className = "ghost"; grid.appendChild(drag.ghost); }
    const columnBox = spot.column.getBoundingClientRect();
    const minutes = Number(drag.block.dataset.minutes) || 30;
    drag.ghost.style.left = (columnBox.left - spot.box.left) + "px";
    drag.ghost.style.width = columnBox.width + "px";
    drag.ghost.style.top = (spot.row * spot.rowHeight) + "px";
    drag.ghost.style.height = Math.max(spot.rowHeight, (minutes / 5) * spot.rowHeight) + "px";
  });

  // A drag ends with a click on the booking's link; it must not open the details.
  let suppressClick = false;
  grid.addEventListener("click", (event) => {
    if (suppressClick) { event.preventDefault(); suppressClick = false; }
  }, true);

  function end(commit) {
    if (!drag) return;
    const { block, ghost, spot, moved } = drag;
    drag = null;
    suppressClick = moved;
    block.classList.remove("dragging");
    if (ghost) ghost.remove();
    if (!commit || !moved || !spot) return;
    const minutes = spot.row * 5;
    const when = `${spot.column.dataset.day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
    if (when === block.dataset.start) return;
    if (!window.confirm(grid.dataset.confirm.replace("{when}", when.replace("T", " ") + " (" + grid.dataset.zone + ")"))) return;
    form.action = `/appointments/${block.dataset.id}/reschedule`;
    form.querySelector("[name=other_start]").value = when;
    form.requestSubmit();
  }

  grid.addEventListener("pointerup", () => end(true));
  grid.addEventListener("pointercancel", () => end(false));
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") end(false); });
}
