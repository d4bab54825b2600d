package loader

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// applyPatches applies the configured patches meant for the description's
// version, after the rules. Upstream files keep changing, so an action
// whose target is gone or no longer matches its `when` is an info saying
// the patch no longer applies, never an error: the description still loads,
// and the message says which patch to retire.
func (l *load) applyPatches(top *yaml.Node) {
	version := descriptionVersion(top)
	hosts := serverHosts(top)
	for _, p := range l.cfg.Patches {
		if !patchFor(p, version) || !patchOnHosts(p, hosts) {
			continue
		}
		for _, a := range p.Actions {
			l.applyAction(top, p, a)
		}
	}
}

// patchFor matches versions case-insensitively: Intercom writes Preview,
// the command line takes preview.
func patchFor(p Patch, version string) bool {
	return slices.ContainsFunc(p.Versions, func(v string) bool {
		return v == "*" || strings.EqualFold(v, version)
	})
}

// patchOnHosts reports whether a patch is for a description whose
// servers are on hosts: any description when the patch names no hosts.
func patchOnHosts(p Patch, hosts []string) bool {
	if len(p.Hosts) == 0 {
		return true
	}
	for _, want := range p.Hosts {
		want = strings.ToLower(want)
		for _, h := range hosts {
			if domain, ok := strings.CutPrefix(want, "*."); ok && (h == domain || strings.HasSuffix(h, "."+domain)) || h == want {
				return true
			}
		}
	}
	return false
}

// serverHosts lists the lower-case host names of a description's servers,
// their variables replaced by a placeholder ("https://{region}.example.com"
// is on x.example.com).
func serverHosts(top *yaml.Node) []string {
	servers := resolve(mapGet(top, "servers"))
	if servers == nil || servers.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, s := range servers.Content {
		u := resolve(mapGet(resolve(s), "url"))
		if u == nil || u.Kind != yaml.ScalarNode {
			continue
		}
		parsed, err := url.Parse(serverVariable.ReplaceAllString(u.Value, "x"))
		if err == nil && parsed.Hostname() != "" {
			out = append(out, strings.ToLower(parsed.Hostname()))
		}
	}
	return out
}

// serverVariable is a variable of a server URL template.
var serverVariable = regexp.MustCompile(`\{[^{}]*\}`)

func (l *load) applyAction(top *yaml.Node, p Patch, a PatchAction) {
	toks := diag.SplitPointer(a.Target)
	target := lookup(top, a.Target)
	if target == nil {
		// Located at the closest element that still exists.
		at := top
		for i := len(toks) - 1; i >= 0; i-- {
			if n := lookup(top, diag.Pointer(toks[:i]...)); n != nil {
				at = n
				break
			}
		}
		l.stalePatch(at, p, a, "its target does not exist")
		return
	}
	if a.When != nil {
		for i := 0; i+1 < len(a.When.Content); i += 2 {
			key, want := a.When.Content[i].Value, a.When.Content[i+1]
			if got := mapGet(target, key); !nodesEqual(got, want) {
				l.stalePatch(target, p, a, fmt.Sprintf("its target's %s is %s, not %s", key, describe(got), describe(want)))
				return
			}
		}
	}
	if a.Remove {
		parent := lookup(top, diag.Pointer(toks[:len(toks)-1]...))
		last := toks[len(toks)-1]
		switch {
		case parent.Kind == yaml.MappingNode:
			mapDelete(parent, last)
		case parent.Kind == yaml.SequenceNode:
			i, _ := index(last, len(parent.Content))
			parent.Content = slices.Delete(parent.Content, i, i+1)
		}
		l.add(diag.Repair, target, "patch", a.Target, fmt.Sprintf("patch %s removed this: %s", p.File, p.Description), patchHint)
		return
	}
	if target.Kind != yaml.MappingNode {
		l.stalePatch(target, p, a, "its target is not a mapping to merge into")
		return
	}
	merge(target, a.Update, target)
	l.add(diag.Repair, target, "patch", a.Target, fmt.Sprintf("patch %s: %s", p.File, p.Description), patchHint)
}

const patchHint = "fixed by a patch in specs/patches; fix the description upstream to retire it"

func (l *load) stalePatch(at *yaml.Node, p Patch, a PatchAction, why string) {
	l.add(diag.Info, at, "patch-stale", a.Target,
		fmt.Sprintf("patch %s no longer applies: %s (%s)", p.File, why, p.Description),
		"the description may have been fixed upstream; update the patch, or drop this version from its versions")
}

// describe renders a value for a message.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "absent"
	case n.Kind == yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	default:
		return "a list"
	}
}

// merge deep-merges the mapping src into the mapping dst: mappings merge
// key by key, anything else replaces. Merged-in nodes take the position of
// at, the patch's target.
func merge(dst, src, at *yaml.Node) {
	for i := 0; i+1 < len(src.Content); i += 2 {
		key, val := src.Content[i].Value, src.Content[i+1]
		if cur := mapGet(dst, key); cur != nil && cur.Kind == yaml.MappingNode && val.Kind == yaml.MappingNode {
			merge(cur, val, at)
			continue
		}
		mapSet(dst, key, clone(val, at), at)
	}
}
