// Signed webhooks (API.md "Webhooks"). To be built.
import type { Planner } from "./fanout.ts";

export const webhookDeliveries: Planner = async () => [];
