package runtime

// Region is the base URL of one of Intercom's regional data centres. A
// workspace's data lives in one region, and its token only works there.
type Region string

// Intercom's regions.
const (
	RegionUS Region = "https://api.intercom.io"
	RegionEU Region = "https://api.eu.intercom.io"
	RegionAU Region = "https://api.au.intercom.io"
)

// WithRegion sends requests to the given region (RegionUS by default).
func WithRegion(r Region) Option {
	return WithBaseURL(string(r))
}
