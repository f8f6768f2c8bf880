// Loads the Careform bundle and mounts the widget: what a council's page does with one tag.
import init, { mount } from "/widgets/careform.js";

const host = document.getElementById("careform-probe");
try {
  await init();
  host.replaceChildren();
  mount(host);
} catch (error) {
  host.querySelector("[data-careform-status]")?.setAttribute("data-careform-status", "failed");
  host.querySelector("p").textContent = "The form could not load. Please try again later or contact the council.";
  console.error(error);
}
