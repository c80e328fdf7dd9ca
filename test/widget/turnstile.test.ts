// Cloudflare Turnstile (widget/extra/turnstile.ts): only when the site turned it on.

import { afterEach, expect, test, vi } from "vitest";
import { TURNSTILE_SRC } from "../../widget/extra/turnstile.ts";
import {
  buttonNamed,
  cleanup,
  created,
  fakeApi,
  fill,
  happyDOM,
  makeComment,
  makeThread,
  mountThread,
  postedBody,
  type Reply,
} from "./helpers.ts";

afterEach(() => {
  Reflect.deleteProperty(window, "turnstile");
  happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
  cleanup();
});

const withKey = (comments = [makeComment()]) =>
  makeThread(comments, { form: { token: "form-token", turnstileSiteKey: "0x4AAAA-site-key" } });

function fakeTurnstile() {
  let answer: (token: string) => void = () => {};
  const turnstile = {
    render: vi.fn((_: HTMLElement, options: { callback(token: string): void }) => {
      answer = options.callback;
      return "widget-1";
    }),
    reset: vi.fn(),
    remove: vi.fn(),
  };
  return { turnstile, pass: (token: string) => answer(token) };
}

test("off (no site key): no script from Cloudflare, no slot", async () => {
  fakeApi({ thread: () => ({ body: makeThread([]) }) });
  const { root, host } = await mountThread();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(document.querySelector("script[src*='challenges.cloudflare.com']")).toBeNull();
  expect(root.querySelector("slot")).toBeNull();
  expect(host.children).toHaveLength(0);
});

test("on: loads Cloudflare's script (explicit rendering), then renders into a light-DOM box slotted into the form", async () => {
  // happy-dom runs no scripts: it says the script loaded (Turnstile isn't there yet), the test then provides it.
  happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
  fakeApi({ thread: () => ({ body: withKey() }) });
  const { root, host } = await mountThread({ lang: "fr" });
  const script = await vi.waitFor(() => {
    const found = document.querySelector<HTMLScriptElement>("script[src*='challenges.cloudflare.com']");
    expect(found).not.toBeNull();
    return found as HTMLScriptElement;
  });
  expect(script.src).toBe("https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit");
  expect(TURNSTILE_SRC).toBe(script.src);

  const { turnstile } = fakeTurnstile();
  Object.assign(window, { turnstile });
  script.dispatchEvent(new Event("load"));
  expect(turnstile.render).toHaveBeenCalledTimes(1);
  const [box, options] = turnstile.render.mock.calls[0]!;
  expect(box.parentElement).toBe(host);
  expect(box.getAttribute("slot")).toBe("turnstile");
  expect(options).toMatchObject({ sitekey: "0x4AAAA-site-key", language: "fr" });
  await vi.waitFor(() => expect(root.querySelector("form slot[name=turnstile]")).not.toBeNull());
});

test("its answer is sent as turnstileToken, and a fresh one is asked for after each post", async () => {
  const { turnstile, pass } = fakeTurnstile();
  Object.assign(window, { turnstile });
  const mine = makeComment();
  const api = fakeApi({ thread: () => ({ body: withKey() }), post: () => ({ status: 201, body: created(mine) }) });
  const { root, widget } = await mountThread();
  await vi.waitFor(() => expect(turnstile.render).toHaveBeenCalled());
  pass("cf-answer");
  fill(root, { name: "Ann", body: "Hello" });
  buttonNamed(root, "Post comment").click();
  await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());
  expect(postedBody(api.calls.find((call) => call.method === "POST")).turnstileToken).toBe("cf-answer");
  expect(turnstile.reset).toHaveBeenCalledWith("widget-1");
  expect(document.querySelectorAll("script[src*='challenges.cloudflare.com']")).toHaveLength(0);

  widget.destroy();
  expect(turnstile.remove).toHaveBeenCalledWith("widget-1");
  expect(document.querySelector("[slot=turnstile]")).toBeNull();
});

test("destroy() while Cloudflare's script is loading: its load listener goes too, and nothing is rendered after", async () => {
  fakeApi({ thread: () => ({ body: withKey() }) });
  const { widget } = await mountThread();
  const script = await vi.waitFor(() => {
    const found = document.querySelector<HTMLScriptElement>("script[src*='challenges.cloudflare.com']");
    expect(found).not.toBeNull();
    return found as HTMLScriptElement;
  });
  const removed = vi.spyOn(script, "removeEventListener");
  widget.destroy();
  expect(removed).toHaveBeenCalledWith("load", expect.any(Function));
  const { turnstile } = fakeTurnstile();
  Object.assign(window, { turnstile });
  script.dispatchEvent(new Event("load"));
  expect(turnstile.render).not.toHaveBeenCalled();
  expect(document.querySelector("[slot=turnstile]")).toBeNull();
});

test("destroy() while the thread's answer is on its way: Turnstile is not started for a thread that is gone", async () => {
  const { turnstile } = fakeTurnstile();
  Object.assign(window, { turnstile });
  let answer: (reply: Reply) => void = () => {};
  let asked = false;
  fakeApi({
    thread: () => {
      if (asked) return { body: withKey() };
      asked = true;
      return new Promise((resolve) => (answer = resolve));
    },
  });
  const host = document.createElement("div");
  document.body.append(host);
  const { mount } = await import("../../widget/mount.tsx");
  const widget = mount(host, { site: "demo", page: "p", lang: "en", limit: 50, api: "https://comments.example.org" });
  await vi.waitFor(() => expect(asked).toBe(true));
  // The answer arrives as the page navigates away: what follows it runs after destroy().
  answer({ body: withKey() });
  widget.destroy();
  // A throw in what follows would fail this test as an unhandled rejection.
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(turnstile.render).not.toHaveBeenCalled();
  expect(host.querySelector("[slot=turnstile]")).toBeNull();
});
