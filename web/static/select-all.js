// « Tout sélectionner » on the list: ticks (or unticks) every row's box. Without JavaScript the
// button stays hidden and each box is ticked by hand; the form works the same.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector("[data-select-all]");
  if (!button) {
    return;
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=ids]"));
  button.hidden = false;
  button.addEventListener("click", function () {
    var allTicked = boxes.every(function (box) { return box.checked; });
    boxes.forEach(function (box) { box.checked = !allTicked; });
    button.textContent = allTicked ? "Tout sélectionner" : "Tout désélectionner";
  });
});
