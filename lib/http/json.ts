/** JSON response with an explicit status; route handlers return this from defineRoute. */
export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}
