import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client";

/** Camera names by id (deleted ones too: old events still name them). */
export function useCameraNames(): Map<number, string> {
  const cameras = useQuery({
    queryKey: ["cameras", "names"],
    queryFn: () => unwrap(api.GET("/api/cameras", { params: { query: { limit: 100, include_deleted: true } } })),
  });
  return new Map((cameras.data?.items ?? []).map((camera) => [camera.id, camera.name]));
}
