import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, succeed, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { Problem } from "../components/Problem";

type Status = components["schemas"]["CameraStatus"];
type Camera = components["schemas"]["CameraOut"];
const STATUSES: Status[] = ["online", "offline", "maintenance"];

function useCameraChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["cameras"] });
  return {
    create: useMutation({
      mutationFn: (body: components["schemas"]["CameraCreate"]) => unwrap(api.POST("/api/cameras", { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, status }: { id: number; status: Status }) =>
        unwrap(api.PATCH("/api/cameras/{camera_id}", { params: { path: { camera_id: id } }, body: { status } })),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: number) => succeed(api.DELETE("/api/cameras/{camera_id}", { params: { path: { camera_id: id } } })),
      onSuccess: refresh,
    }),
    restore: useMutation({
      mutationFn: (id: number) =>
        unwrap(api.POST("/api/cameras/{camera_id}/restore", { params: { path: { camera_id: id } } })),
      onSuccess: refresh,
    }),
  };
}

function AddCamera({ create }: { create: ReturnType<typeof useCameraChanges>["create"] }) {
  const [name, setName] = useState("");
  const [location, setLocation] = useState("");
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, location, status: "offline" }, { onSuccess: () => (setName(""), setLocation("")) });
  };
  return (
    <form aria-label="Add a camera" className="inline-form" onSubmit={submit}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(fields.name)} aria-describedby="name-problem" />
      </label>
      {fields.name && <span id="name-problem" role="alert">{fields.name}</span>}
      <label>
        Location
        <input value={location} onChange={(e) => setLocation(e.target.value)} />
      </label>
      <button type="submit" disabled={create.isPending}>
        Add camera
      </button>
      {create.error && !fields.name && <span role="alert">{create.error.message}</span>}
    </form>
  );
}

export function Cameras() {
  const [showDeleted, setShowDeleted] = useState(false);
  const cameras = useQuery({
    queryKey: ["cameras", { showDeleted }],
    queryFn: () => unwrap(api.GET("/api/cameras", { params: { query: { limit: 100, include_deleted: showDeleted } } })),
  });
  const changes = useCameraChanges();
  const row = (camera: Camera) => (
    <tr key={camera.id} className={camera.deleted_at ? "seen" : undefined}>
      <th scope="row">{camera.name}</th>
      <td data-label="Location">{camera.location}</td>
      <td className="control">
        <select
          aria-label={`Status of ${camera.name}`}
          value={camera.status}
          disabled={Boolean(camera.deleted_at)}
          onChange={(e) => changes.update.mutate({ id: camera.id, status: e.target.value as Status })}
        >
          {STATUSES.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
      </td>
      <td className="control">
        {camera.deleted_at ? (
          <button type="button" onClick={() => changes.restore.mutate(camera.id)}>
            Restore<span className="visually-hidden"> {camera.name}</span>
          </button>
        ) : (
          <button type="button" className="danger" onClick={() => changes.remove.mutate(camera.id)}>
            Delete<span className="visually-hidden"> {camera.name}</span>
          </button>
        )}
      </td>
    </tr>
  );
  const failed = changes.update.error ?? changes.remove.error ?? changes.restore.error;
  return (
    <>
      <h1>Cameras</h1>
      <AddCamera create={changes.create} />
      <label className="toggle">
        <input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} /> Show deleted
        cameras
      </label>
      {failed && <p role="alert">{failed.message}</p>}
      {cameras.isError && <Problem what="the cameras" error={cameras.error} retry={() => void cameras.refetch()} />}
      {cameras.isPending ? (
        <p role="status">Loading cameras…</p>
      ) : cameras.data?.items.length === 0 ? (
        <p className="empty">No cameras yet: add the first one above.</p>
      ) : (
        <table className="list" aria-label="Cameras">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Location</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>{cameras.data?.items.map(row)}</tbody>
        </table>
      )}
    </>
  );
}
