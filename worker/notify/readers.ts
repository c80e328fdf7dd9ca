// Reader notifications (API.md "Mail to readers"). To be built.
import type { Planner } from "./fanout.ts";

export const readerDeliveries: Planner = async () => [];
