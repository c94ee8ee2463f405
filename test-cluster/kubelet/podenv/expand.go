// Package podenv resolves what a container sees of its pod: the downward API (field and resource
// references), the environment in Kubernetes' order, and $(VAR) expansion of env values, command and args.
package podenv

import "strings"

// Expand implements Kubernetes' $(VAR) syntax (k8s.io/kubernetes/third_party/forked/golang/expansion):
// $(NAME) becomes lookup(NAME) when defined and stays as written otherwise; $$ escapes a dollar; anything
// else after a $ is kept literally.
func Expand(input string, lookup func(string) (string, bool)) string {
	var b strings.Builder
	checkpoint := 0
	for cursor := 0; cursor < len(input); cursor++ {
		if input[cursor] != '$' || cursor+1 >= len(input) {
			continue
		}
		b.WriteString(input[checkpoint:cursor])
		rest := input[cursor+1:]
		advance := 1
		switch rest[0] {
		case '$':
			b.WriteByte('$')
		case '(':
			end := strings.IndexByte(rest, ')')
			if end < 0 {
				b.WriteString("$(")
				break
			}
			name := rest[1:end]
			if v, ok := lookup(name); ok {
				b.WriteString(v)
			} else {
				b.WriteString("$(" + name + ")")
			}
			advance = end + 1
		default:
			b.WriteByte('$')
			b.WriteByte(rest[0])
		}
		cursor += advance
		checkpoint = cursor + 1
	}
	b.WriteString(input[checkpoint:])
	return b.String()
}
