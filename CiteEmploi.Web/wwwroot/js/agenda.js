// Sessions: the agenda's drag and drop stays in the browser (no server round trip per dragover); the drop is sent to
// the page's DropItemAsync with the dragged item and the item it lands on (none: the end of the agenda), whose place it
// takes. Alt+Flèche haut / bas goes to MoveByKeyAsync.
export function attach(root, page) {
  if (!root || root.__agendaDnd) { return; }
  root.__agendaDnd = true;
  let dragged = null;
  const itemOf = function (target) { return target instanceof Element ? target.closest("[data-agenda-item]") : null; };
  const endOf = function (target) { return target instanceof Element ? target.closest("[data-agenda-end]") : null; };
  root.addEventListener("dragstart", function (event) {
    const item = itemOf(event.target);
    if (!item || item.getAttribute("draggable") !== "true") { return; }
    dragged = item.getAttribute("data-agenda-item");
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged); // Firefox starts a drag only with data
    }
  });
  root.addEventListener("dragover", function (event) {
    if (dragged && (itemOf(event.target) || endOf(event.target))) { event.preventDefault(); }
  });
  root.addEventListener("drop", function (event) {
    if (!dragged) { return; }
    const item = itemOf(event.target);
    if (!item && !endOf(event.target)) { return; }
    event.preventDefault();
    const itemId = dragged;
    dragged = null;
    page.invokeMethodAsync("DropItemAsync", itemId, item ? item.getAttribute("data-agenda-item") : null);
  });
  root.addEventListener("dragend", function () { dragged = null; });
  // Alt+Flèche haut / bas on a selected item moves it (the page keeps focus on it); never from a field inside it.
  root.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) { return; }
    const item = event.target instanceof Element && event.target.matches("[data-agenda-item]") ? event.target : null;
    if (!item || item.getAttribute("draggable") !== "true") { return; }
    event.preventDefault();
    page.invokeMethodAsync("MoveByKeyAsync", item.getAttribute("data-agenda-item"), event.key === "ArrowUp");
  });
  root.setAttribute("data-dnd-ready", ""); // tests can tell the agenda accepts drops
}
