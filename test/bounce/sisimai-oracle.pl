#!/usr/bin/perl
# Runs Sisimai (Debian libsisimai-perl) over each .eml file named on the command line and prints one
# JSON line per file: {"file": …, "results": [{recipient, reason, softbounce, status, action, feedbacktype}]}
# or {"file": …, "results": null} when Sisimai cannot read the file. Used by sisimai-oracle.test.ts.
use strict;
use warnings;
use Sisimai;
use JSON::PP;

my $json = JSON::PP->new->canonical->utf8;
for my $file (@ARGV) {
    my $list = Sisimai->make($file, 'delivered' => 1);
    my $results = undef;
    if (defined $list) {
        $results = [
            map {
                {
                    recipient    => $_->recipient->address,
                    reason       => $_->reason,
                    softbounce   => 0 + $_->softbounce,
                    status       => $_->deliverystatus,
                    action       => $_->action,
                    feedbacktype => $_->feedbacktype,
                }
            } @$list
        ];
    }
    print $json->encode({ file => $file, results => $results }), "\n";
}
