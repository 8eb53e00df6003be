package org.sightline.consumers.alerts;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One alert of a recipient's history as the API pages it: the alert's own fields, where it stands
 * in its country ({@code action}), and the alert that superseded it, if one did.
 */
public record AlertEntry(@JsonUnwrapped AlertView alert, ActionState action, String supersededBy) {}
