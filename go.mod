module github.com/selfsup/selfsup

go 1.26

require (
	github.com/sirupsen/logrus v1.10.2
	github.com/spf13/pflag v1.1.0
)

require golang.org/x/sys v0.13.0 // indirect
