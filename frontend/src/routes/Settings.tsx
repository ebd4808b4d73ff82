import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, succeed, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { Problem } from "../components/Problem";
import { useCameraNames } from "../components/useCameraNames";
import { timeAgo } from "../lib/format";

type Severity = components["schemas"]["Severity"];
type Rule = components["schemas"]["AlertRuleOut"];
const SEVERITIES: Severity[] = ["low", "medium", "high", "critical"];

function AlertRules() {
  const queryClient = useQueryClient();
  const cameraNames = useCameraNames();
  const rules = useQuery({ queryKey: ["alert-rules"], queryFn: () => unwrap(api.GET("/api/alert-rules")) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["alert-rules"] });
  const create = useMutation({
    mutationFn: (body: components["schemas"]["AlertRuleIn"]) => unwrap(api.POST("/api/alert-rules", { body })),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) =>
      unwrap(api.PATCH("/api/alert-rules/{rule_id}", { params: { path: { rule_id: id } }, body: { enabled } })),
    // The box flips at once; the refetch after the answer puts it back if the change failed.
    onMutate: async ({ id, enabled }) => {
      await queryClient.cancelQueries({ queryKey: ["alert-rules"] });
      queryClient.setQueryData<Rule[]>(["alert-rules"], (shown) =>
        shown?.map((rule) => (rule.id === id ? { ...rule, enabled } : rule)),
      );
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) => succeed(api.DELETE("/api/alert-rules/{rule_id}", { params: { path: { rule_id: id } } })),
    onSuccess: refresh,
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const camera = String(form.get("camera"));
    const labels = String(form.get("labels")).split(",").map((label) => label.trim()).filter(Boolean);
    create.mutate(
      {
        name: String(form.get("name")),
        enabled: true,
        camera_id: camera ? Number(camera) : null,
        min_severity: form.get("severity") as Severity,
        labels,
        cooldown_seconds: Number(form.get("cooldown")),
      },
      { onSuccess: () => element.reset() },
    );
  };

  return (
    <section aria-labelledby="rules-heading" className="panel">
      <h2 id="rules-heading">Alert rules</h2>
      <form aria-label="Add an alert rule" className="inline-form" onSubmit={submit}>
        <label>
          Rule name
          <input name="name" aria-invalid={Boolean(fields.name)} />
        </label>
        {fields.name && <span role="alert">{fields.name}</span>}
        <label>
          Camera
          <select name="camera" defaultValue="">
            <option value="">Any camera</option>
            {[...cameraNames].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          At least
          <select name="severity" defaultValue="medium">
            {SEVERITIES.map((severity) => (
              <option key={severity}>{severity}</option>
            ))}
          </select>
        </label>
        <label>
          Labels (comma-separated)
          <input name="labels" placeholder="person, car" />
        </label>
        <label>
          Cooldown (s)
          <input name="cooldown" type="number" min={0} max={86400} defaultValue={0} aria-invalid={Boolean(fields.cooldown_seconds)} />
        </label>
        {fields.cooldown_seconds && <span role="alert">{fields.cooldown_seconds}</span>}
        <button type="submit" disabled={create.isPending}>
          Add rule
        </button>
        {create.error && Object.keys(fields).length === 0 && <span role="alert">{create.error.message}</span>}
      </form>
      {rules.isError && <Problem what="the alert rules" error={rules.error} retry={() => void rules.refetch()} />}
      {rules.data?.length === 0 && <p className="empty">No rules: no event raises an alert.</p>}
      <ul className="items" aria-label="Alert rules">
        {rules.data?.map((rule) => (
          <li key={rule.id}>
            <span className="what">
              <strong>{rule.name}</strong> · {rule.camera_id ? cameraNames.get(rule.camera_id) : "any camera"} ·{" "}
              {rule.min_severity}+{rule.labels.length > 0 && ` · ${rule.labels.join(", ")}`}
            </span>
            <span className="actions">
              <label className="toggle">
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  onChange={(e) => toggle.mutate({ id: rule.id, enabled: e.target.checked })}
                />
                Enabled
              </label>
              <button type="button" className="danger" onClick={() => remove.mutate(rule.id)}>
                Delete<span className="visually-hidden"> {rule.name}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ApiKeys() {
  const queryClient = useQueryClient();
  const cameraNames = useCameraNames();
  const [name, setName] = useState("");
  const [camera, setCamera] = useState("");
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => unwrap(api.GET("/api/api-keys")) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["api-keys"] });
  const create = useMutation({
    mutationFn: (body: components["schemas"]["APIKeyCreate"]) => unwrap(api.POST("/api/api-keys", { body })),
    onSuccess: () => (setName(""), refresh()),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => succeed(api.DELETE("/api/api-keys/{api_key_id}", { params: { path: { api_key_id: id } } })),
    onSuccess: refresh,
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};

  return (
    <section aria-labelledby="keys-heading" className="panel">
      <h2 id="keys-heading">Camera API keys</h2>
      <form
        aria-label="Create an API key"
        className="inline-form"
        onSubmit={(event) => (event.preventDefault(), create.mutate({ name, camera_id: Number(camera) }))}
      >
        <label>
          Key name
          <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(fields.name)} />
        </label>
        {fields.name && <span role="alert">{fields.name}</span>}
        <label>
          For camera
          <select
            value={camera}
            onChange={(e) => setCamera(e.target.value)}
            required
            aria-invalid={Boolean(fields.camera_id)}
          >
            <option value="" disabled>
              Choose a camera
            </option>
            {[...cameraNames].map(([id, cameraName]) => (
              <option key={id} value={id}>
                {cameraName}
              </option>
            ))}
          </select>
        </label>
        {fields.camera_id && <span role="alert">{fields.camera_id}</span>}
        <button type="submit" disabled={create.isPending}>
          Create key
        </button>
      </form>
      {create.data && (
        <div className="banner notice" role="region" aria-label="New API key">
          Copy the key for <strong>{create.data.name}</strong> now: it is not shown again.
          <pre data-testid="new-api-key">{create.data.key}</pre>
        </div>
      )}
      {keys.isError && <Problem what="the API keys" error={keys.error} retry={() => void keys.refetch()} />}
      <ul className="items" aria-label="API keys">
        {keys.data?.map((key) => (
          <li key={key.id}>
            <span className="what">
              <strong>{key.name}</strong> · {key.camera_id ? cameraNames.get(key.camera_id) : "no camera"} ·{" "}
              <code>{key.prefix}…</code> ·{" "}
              {key.revoked_at ? "revoked" : key.last_used_at ? `used ${timeAgo(key.last_used_at)}` : "never used"}
            </span>
            {!key.revoked_at && (
              <button type="button" className="danger" onClick={() => revoke.mutate(key.id)}>
                Revoke<span className="visually-hidden"> {key.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Settings() {
  return (
    <>
      <h1>Settings</h1>
      <AlertRules />
      <ApiKeys />
    </>
  );
}
