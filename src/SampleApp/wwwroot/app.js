// The sample API from a browser: register, log in (a bearer token kept in sessionStorage), list the
// plans, subscribe, and list my subscriptions. Same-origin requests only: the page and the API are
// served from one address, by the app itself or by nginx in front of it.
"use strict";

const tokenKey = "sample-app-token";
const $ = (id) => document.getElementById(id);

function token() {
  return sessionStorage.getItem(tokenKey);
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (token()) {
    headers["Authorization"] = "Bearer " + token();
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const fields = data?.errors ? Object.entries(data.errors).map(([k, v]) => `${k}: ${v.join(" ")}`) : [];
    throw new Error([data?.error ?? `The server answered ${response.status}.`, ...fields].join("\n"));
  }
  return data;
}

function show(list, items, render) {
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement("li");
    render(li, item);
    return li;
  }));
}

async function refresh() {
  try {
    const plans = await api("GET", "/api/plans");
    $("plans-error").textContent = "";
    show($("plans"), plans, (li, plan) => {
      li.textContent = `${plan.name}: ${(plan.price_cents / 100).toFixed(2)} ${plan.currency} a month `;
      const button = document.createElement("button");
      button.textContent = "Subscribe";
      button.disabled = !token();
      button.onclick = () => subscribe(plan.code);
      li.append(button);
    });
  } catch (error) {
    $("plans-error").textContent = error.message;
  }

  if (!token()) {
    $("status").textContent = "Not signed in.";
    $("logout").hidden = true;
    return;
  }
  try {
    const me = await api("GET", "/api/auth/me");
    $("status").textContent = `Signed in as ${me.email}.`;
    $("logout").hidden = false;
    const subscriptions = await api("GET", "/api/subscriptions");
    show($("subscriptions"), subscriptions.length ? subscriptions : [null], (li, s) => {
      li.textContent = s ? `${s.plan} (${s.status}) since ${new Date(s.created_at).toLocaleString()}` : "None yet.";
    });
  } catch (error) {
    sessionStorage.removeItem(tokenKey);
    $("status").textContent = error.message;
  }
}

async function subscribe(plan) {
  try {
    await api("POST", "/api/subscriptions", { plan });
    $("plans-error").textContent = "";
  } catch (error) {
    $("plans-error").textContent = error.message;
  }
  await refresh();
}

$("credentials").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const credentials = { email: form.get("email"), password: form.get("password") };
  $("credentials-error").textContent = "";
  try {
    if (event.submitter?.dataset.action === "register") {
      await api("POST", "/api/auth/register", credentials);
    }
    const login = await api("POST", "/api/auth/login", credentials);
    sessionStorage.setItem(tokenKey, login.token);
  } catch (error) {
    $("credentials-error").textContent = error.message;
  }
  await refresh();
});

$("logout").addEventListener("click", async () => {
  sessionStorage.removeItem(tokenKey);
  await refresh();
});

refresh();
