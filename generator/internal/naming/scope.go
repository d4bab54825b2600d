package naming

// Scope hands out names that are unique within one Go scope (the package
// block, or the fields of one struct). Names are claimed in a deterministic
// order by the caller, so the same description always gets the same names.
type Scope struct {
	owners map[string]string
}

// NewScope returns a scope in which reserved names are already taken.
func NewScope(reserved ...string) *Scope {
	s := &Scope{owners: make(map[string]string, len(reserved))}
	for _, r := range reserved {
		s.owners[r] = "reserved"
	}
	return s
}

// Taken reports whether name is in use.
func (s *Scope) Taken(name string) bool {
	_, ok := s.owners[name]
	return ok
}

// Owner returns what claimed name ("" when free).
func (s *Scope) Owner(name string) string { return s.owners[name] }

// Claim takes name for owner if it is free.
func (s *Scope) Claim(name, owner string) bool {
	if s.Taken(name) {
		return false
	}
	s.owners[name] = owner
	return true
}

// Unique claims the first free name of the ladder base, base+suffix for each
// suffix in order, then base+suffixes[last]+N (or base+N without suffixes)
// for N = 2, 3, …. It returns the name and whether it differs from base.
func (s *Scope) Unique(base, owner string, suffixes ...string) (string, bool) {
	if s.Claim(base, owner) {
		return base, false
	}
	for _, suf := range suffixes {
		if s.Claim(base+suf, owner) {
			return base + suf, true
		}
	}
	stem := base
	if len(suffixes) > 0 {
		stem = base + suffixes[len(suffixes)-1]
	}
	for i := 2; ; i++ {
		if name := stem + itoa(i); s.Claim(name, owner) {
			return name, true
		}
	}
}
