// The page's entry: mounts App.svelte.
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app element");

export default mount(App, { target });
