package io.kubenas.operator.events;

/** One Event to emit: a reason from the fixed set and a message for people. */
public record TransitionEvent(EventReason reason, String message) {
}
