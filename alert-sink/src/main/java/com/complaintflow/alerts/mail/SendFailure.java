package com.complaintflow.alerts.mail;

/**
 * Why a send failed and whether trying again can help.
 *
 * @param permanent true for failures a retry cannot fix (5xx for the recipient, malformed address)
 * @param connectionLevel true when the server could not be used at all (nothing else will go
 *     through it now either, so the sink stops trying other messages for this round)
 * @param reason machine-readable, kebab-case
 * @param detail for operators; addresses masked
 */
public record SendFailure(boolean permanent, boolean connectionLevel, String reason, String detail) {}
