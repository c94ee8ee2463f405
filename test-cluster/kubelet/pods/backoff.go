package pods

import "time"

// backoff is the kubelet's per-container restart back-off: the first restart is immediate, then the
// delay starts at 10 s and doubles up to 5 min; a container that ran 10 min resets it.
type backoff struct {
	delay  time.Duration // the next delay
	served time.Duration // the delay being served now (what the CrashLoopBackOff message names)
	until  time.Time
}

const (
	backoffInitial = 10 * time.Second
	backoffMax     = 5 * time.Minute
	backoffReset   = 10 * time.Minute
)

// exited records a termination; ranFor is how long the container had run.
func (b *backoff) exited(finished time.Time, ranFor time.Duration) {
	if ranFor >= backoffReset {
		b.delay = 0
	}
	b.until, b.served = finished.Add(b.delay), b.delay
	switch {
	case b.delay == 0:
		b.delay = backoffInitial
	case b.delay*2 > backoffMax:
		b.delay = backoffMax
	default:
		b.delay *= 2
	}
}

// waiting reports whether a restart must still wait, and the current delay (for the message).
func (b *backoff) waiting(now time.Time) (bool, time.Duration) {
	if now.Before(b.until) {
		return true, b.served
	}
	return false, 0
}
