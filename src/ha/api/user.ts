/** The logged-in user, which the frontend loads into `hass.user` (no command is sent). */

export interface HassWithUser {
  user?: { name?: string } | null;
}

/** The name of the user this dashboard runs as, for "acknowledged by …"; undefined when unknown. */
export function currentUserName(hass: HassWithUser | undefined): string | undefined {
  return hass?.user?.name;
}
