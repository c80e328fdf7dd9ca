// The owner's mail about each new comment (API.md "Mail to the owner"). To be built.
import type { Planner } from "./fanout.ts";

export const ownerDeliveries: Planner = async () => [];
