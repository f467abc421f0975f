using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HybridVote.Domain;

namespace HybridVote.Cli;

/// <summary>The command tree of <c>hv</c>: each command with its own options and <c>--help</c>.</summary>
public static class Commands
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Build(CommandContext context)
    {
        var root = new RootCommand("""
            hv — HybridVote organiser and operator commands.
            Settings come from HybridVote__Database, HybridVote__Redis, HybridVote__KeysDirectory.
            Times are ISO 8601 (UTC unless an offset is given).
            Exit codes: 0 done; 1 the command failed or found a problem; 2 the command line is wrong.
            """);
        root.Subcommands.Add(Db(context, new Command("migrate", "Apply the database migrations."), (s, _) => OrganiserCommands.MigrateAsync(s)));
        root.Subcommands.Add(Keys());
        root.Subcommands.Add(Sign());
        root.Subcommands.Add(Import(context));
        root.Subcommands.Add(GenerateTestData());
        root.Subcommands.Add(Calendar(context));
        root.Subcommands.Add(Bureau(context));
        root.Subcommands.Add(Staff(context));
        var audit = new Command("audit", "The tamper-evident audit trail (TR008).");
        audit.Subcommands.Add(Db(context, new Command("verify", "Check the hash chains; exit 1 when one is broken."), (s, _) => OrganiserCommands.VerifyAuditAsync(s)));
        root.Subcommands.Add(audit);
        var election = new Option<string?>("--election") { Description = "Only this election." };
        root.Subcommands.Add(Db(context, new Command("reconcile", "Receipts per bureau: received = accepted + cancelled + duplicate + rescan + rejected + pending; exit 1 when a line does not add up.") { election },
            (s, r) => OperatorCommands.ReconcileAsync(s, r.GetValue(election))));
        root.Subcommands.Add(Rejects(context));
        root.Subcommands.Add(Demo(context));
        root.Subcommands.Add(Proof());
        root.Subcommands.Add(Seats());
        root.Subcommands.Add(ResultsExport(context));
        root.Subcommands.Add(Purge(context));
        var version = new Command("version", "The release: version and commit, and the SHA-256 of every HybridVote assembly beside hv (SEC010).");
        version.SetAction(r => ReleaseInfo.Print(r.InvocationConfiguration.Output));
        root.Subcommands.Add(version);
        return root;
    }

    // A command that needs the database: its action runs with the services of a host.
    private static Command Db(CommandContext context, Command command, Func<IServiceProvider, ParseResult, Task<int>> action)
    {
        command.SetAction((r, _) => context.WithServicesAsync(s => action(s, r)));
        return command;
    }

    private static Command Keys()
    {
        var keys = new Command("keys", "Create development keys (production keys come from the key ceremony).");
        var devDir = new Option<string?>("--dir") { Description = "Where to write them (default: HybridVote__KeysDirectory)." };
        var dev = new Command("dev", "Create the development pepper, K-code MAC, hash and encryption keys.") { devDir };
        dev.SetAction(r => OrganiserCommands.DevelopmentKeys(r.GetValue(devDir)));
        var signDir = new Option<string>("--dir") { Description = "Where to write issuer.key.pem and issuer.pub.pem.", Required = true };
        var signing = new Command("signing", "Create a development issuing-authority key pair.") { signDir };
        signing.SetAction(r => OrganiserCommands.SigningKeys(r.GetRequiredValue(signDir)));
        keys.Subcommands.Add(dev);
        keys.Subcommands.Add(signing);
        return keys;
    }

    private static Command Sign()
    {
        var file = new Argument<string>("file") { Description = "The file to sign." };
        var key = new Option<string>("--key") { Description = "The issuing authority's private key (PEM).", Required = true };
        var output = new Option<string?>("--out") { Description = "The signature file (default: FILE.sig)." };
        var command = new Command("sign", "Sign a file (detached ECDSA P-256 signature).") { file, key, output };
        command.SetAction(r => ImportCommand.Sign(r.GetRequiredValue(file), r.GetRequiredValue(key), r.GetValue(output)));
        return command;
    }

    private static Command Import(CommandContext context)
    {
        var import = new Command("import", "Load signed EML files; every signature is checked against --trust before anything is written.");
        foreach (var (kind, help) in new[]
        {
            ("election", "Load an EML 110 election event (one file)."),
            ("lists", "Load EML 230 candidate lists (one file)."),
            ("voters", "Load EML 330 voter lists (one or more files, one transaction); each file replaces the earlier voters of its sources."),
            ("in-person", "Add EML 330 files to the list of voters who voted in person (needs --election)."),
            ("staff", "Give the roles of a signed bureau composition (CSV: national_number,role,election,bureau; one file, all roles or none)."),
        })
        {
            var files = new Argument<string[]>("files") { Description = kind is "election" or "lists" ? "The EML file." : kind == "staff" ? "The CSV file." : "The EML file(s).", Arity = ArgumentArity.OneOrMore };
            var signature = new Option<string?>("--signature") { Description = "The signature of a single file (default: FILE.sig beside each file)." };
            var trust = new Option<string?>("--trust") { Description = "Directory of the issuing authorities' public keys (default: HybridVote__TrustDirectory)." };
            var election = new Option<string?>("--election") { Description = "The election of the in-person list.", Required = kind == "in-person" };
            var command = new Command(kind, help) { files, signature, trust };
            if (kind == "in-person")
            {
                command.Options.Add(election);
            }

            import.Subcommands.Add(Db(context, command, (s, r) => ImportCommand.RunAsync(s, kind,
                new ImportOptions(r.GetRequiredValue(files), r.GetValue(election), r.GetValue(signature), r.GetValue(trust)), CommandContext.Actor)));
        }

        return import;
    }

    private static Command GenerateTestData()
    {
        var output = new Option<string>("--out") { Description = "The directory to write to.", Required = true };
        var voters = new Option<int>("--voters") { Description = "How many voters (at least 100).", DefaultValueFactory = _ => TestData.NationalVoters };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator (the same seed gives the same files).", DefaultValueFactory = _ => 2029 };
        var share = new Option<double>("--in-person-share") { Description = "Share of the voters on the in-person lists.", DefaultValueFactory = _ => 0.85 };
        var key = new Option<string?>("--key") { Description = "Signing key (PEM); default: a new development key in --out." };
        var command = new Command("gen-testdata", "Write signed synthetic national data (default 8,167,709 voters).") { output, voters, seed, share, key };
        command.SetAction(r => TestData.Run(r.GetRequiredValue(output), r.GetValue(voters), r.GetValue(seed), r.GetValue(share), r.GetValue(key)));
        return command;
    }

    private static Command Calendar(CommandContext context)
    {
        var election = new Option<string>("--election") { Description = "The election.", Required = true };
        Option<DateTimeOffset?> Instant(string name, string help) => new(name)
        {
            Description = help + " Without a time: now.",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = r => r.Tokens.Count == 0 ? DateTimeOffset.UtcNow : ParseInstant(r),
        };
        var dates = new (Option<DateTimeOffset?> Option, CalendarDate Date)[]
        {
            (Instant("--issue-from", "First moment K-codes may be issued (D-24)."), CalendarDate.IssueFrom),
            (Instant("--issue-until", "Last moment K-codes may be issued (ends printing)."), CalendarDate.IssueUntil),
            (Instant("--in-person-close", "When in-person voting closes (counting may start after it; printing must have ended)."), CalendarDate.InPersonClose),
            (Instant("--validated-at", "When the election is validated (everything is purged after it)."), CalendarDate.ValidatedAt),
            (Instant("--results-from", "The results embargo: no figure is shown or exported before it (European Parliament: the calendar's time)."), CalendarDate.ResultsFrom),
        };
        var set = new Command("set", "Change one date of the calendar (the others stay as they are), e.g. --in-person-close for now, or --issue-until 2029-06-08T18:00:00Z.") { election };
        foreach (var (option, _) in dates)
        {
            set.Options.Add(option);
        }

        set.Validators.Add(r =>
        {
            int given = dates.Count(d => r.GetResult(d.Option) is not null);
            if (given != 1)
            {
                r.AddError(given == 0
                    ? "say which date to change: --issue-from, --issue-until, --in-person-close, --validated-at or --results-from"
                    : "one change at a time: give only one of --issue-from, --issue-until, --in-person-close, --validated-at, --results-from");
            }
        });
        var show = new Command("show", "Print the calendar.") { election };
        var calendar = new Command("calendar", "The election calendar (TR014, FR012).");
        calendar.Subcommands.Add(Db(context, set, (s, r) =>
        {
            var (option, date) = dates.Single(d => r.GetResult(d.Option) is not null);
            return OrganiserCommands.SetCalendarAsync(s, r.GetRequiredValue(election), new CalendarChange(date, r.GetValue(option)!.Value), CommandContext.Actor);
        }));
        calendar.Subcommands.Add(Db(context, show, (s, r) => OrganiserCommands.ShowCalendarAsync(s, r.GetRequiredValue(election))));
        var postBy = new Option<DateOnly?>("--post-by") { Description = "The last day to post the envelope so that it arrives in time (default: three days before the in-person close)." };
        var postage = new Option<string?>("--postage") { Description = "stamp (the voter puts a stamp on the outer envelope) or prepaid." };
        postage.AcceptOnlyFromAmong("stamp", "prepaid");
        var help = new Option<string?>("--help-contact") { Description = "Where voters ask for help (a phone number, an address), shown on the home page and the instruction sheet." };
        var notice = new Command("notice", "What voters are told about posting: the last posting day, postage, the help contact.") { election, postBy, postage, help };
        notice.Validators.Add(r =>
        {
            if (r.GetResult(postBy) is null && r.GetResult(postage) is null && r.GetResult(help) is null)
            {
                r.AddError("say what to set: --post-by, --postage or --help-contact");
            }
        });
        calendar.Subcommands.Add(Db(context, notice, (s, r) => OrganiserCommands.SetNoticeAsync(s, r.GetRequiredValue(election), r.GetValue(postBy),
            r.GetValue(postage) is { } p ? p == "prepaid" : null, r.GetValue(help), CommandContext.Actor)));
        return calendar;
    }

    private static Command Bureau(CommandContext context)
    {
        var bureau = new Command("bureau", "Bureau device credentials; each has one duty: reception (scanning envelopes) or counting (registering ballots).");
        Option<BureauDuty> Duty() => new("--duty")
        {
            Description = "reception (scanners of team A) or counting (clients of team B).",
            Required = true,
            CustomParser = ParseDuty,
        };
        var addId = new Argument<string>("bureau") { Description = "The new bureau's id, e.g. BW-002." };
        var addElection = new Option<string>("--election") { Description = "The election.", Required = true };
        var addContest = new Option<string>("--contest") { Description = "The constituency.", Required = true };
        var addName = new Option<string>("--name") { Description = "The bureau's name.", Required = true };
        var addAddress = new Option<string>("--address") { Description = "Its postal address.", Required = true };
        var addAbroad = new Option<bool>("--abroad") { Description = "It counts the ballots of voters abroad (their sums are kept apart in the results)." };
        bureau.Subcommands.Add(Db(context, new Command("add", "Add a counting or reception bureau to a constituency (the main bureau comes with the election file); audited.")
            {
                addId, addElection, addContest, addName, addAddress, addAbroad,
            },
            (s, r) => OrganiserCommands.AddBureauAsync(s, new BureauDefinition(r.GetRequiredValue(addId), r.GetRequiredValue(addName), r.GetRequiredValue(addAddress)),
                r.GetRequiredValue(addElection), r.GetRequiredValue(addContest), r.GetValue(addAbroad), CommandContext.Actor)));
        var keyBureau = new Argument<string>("bureau") { Description = "The bureau id, e.g. BW-001." };
        var keyDuty = Duty();
        bureau.Subcommands.Add(Db(context, new Command("key", "Issue a new device key of a bureau for one duty (shown once; development).") { keyBureau, keyDuty },
            (s, r) => OrganiserCommands.BureauKeyAsync(s, r.GetRequiredValue(keyBureau), r.GetRequiredValue(keyDuty), CommandContext.Actor)));
        var certBureau = new Argument<string>("bureau") { Description = "The bureau id." };
        var certificate = new Argument<string>("certificate") { Description = "The bureau's client certificate (PEM)." };
        var certDuty = Duty();
        bureau.Subcommands.Add(Db(context, new Command("cert", "Register a client certificate of a bureau for one duty (production; replaces its previous one of that duty).") { certBureau, certificate, certDuty },
            (s, r) => OrganiserCommands.BureauCertificateAsync(s, r.GetRequiredValue(certBureau), r.GetRequiredValue(certificate), r.GetRequiredValue(certDuty), CommandContext.Actor)));
        var within = new Option<int?>("--expiring-within") { Description = "Only the certificates that expire within this many days (the alert's 14)." };
        bureau.Subcommands.Add(Db(context, new Command("certs", "List the pinned bureau certificates and when each expires, soonest first; exit 1 when one has expired.") { within },
            (s, r) => OrganiserCommands.BureauCertificatesAsync(s, r.GetValue(within))));
        return bureau;
    }

    private static Command Staff(CommandContext context)
    {
        var staff = new Command("staff", "The roles of the people who work with the system, per election and bureau (audited). National numbers are read from standard input, one per line.");
        Command RoleCommand(string name, string description, Func<IServiceProvider, StaffAssignment, Task<int>> action)
        {
            var role = new Option<StaffRole>("--role")
            {
                Description = string.Join(", ", StaffRules.All.Select(r => r.Code())) + ".",
                Required = true,
                CustomParser = ParseRole,
            };
            var election = new Option<string>("--election") { Description = "The election.", Required = true };
            var bureau = new Option<string?>("--bureau") { Description = "The bureau (reception-operator, counting-typist and president only)." };
            var command = new Command(name, description) { role, election, bureau };
            return Db(context, command, (s, r) => action(s, new StaffAssignment(r.GetRequiredValue(role), r.GetRequiredValue(election), r.GetValue(bureau))));
        }

        staff.Subcommands.Add(RoleCommand("assign", "Give a role to each national number read from standard input; refused when it breaks the segregation of duties (exit 1).",
            (s, role) => StaffCommands.AssignAsync(s, role, Console.In, CommandContext.Actor)));
        staff.Subcommands.Add(RoleCommand("remove", "Take a role from each national number read from standard input; it takes effect at the person's next request.",
            (s, role) => StaffCommands.RemoveAsync(s, role, Console.In, CommandContext.Actor)));
        var listElection = new Option<string?>("--election") { Description = "Only this election." };
        staff.Subcommands.Add(Db(context, new Command("list", "List the roles (people by pseudonym).") { listElection },
            (s, r) => StaffCommands.ListAsync(s, r.GetValue(listElection))));
        return staff;
    }

    private static StaffRole ParseRole(ArgumentResult result)
    {
        string text = result.Tokens.Single().Value;
        if (StaffRules.FromCode(text) is { } role)
        {
            return role;
        }

        result.AddError($"'{text}' is not a role: {string.Join(", ", StaffRules.All.Select(r => r.Code()))}");
        return default;
    }

    private static Command Rejects(CommandContext context)
    {
        var rejects = new Command("rejects", "Receipts that ingest rejected, and why.");
        string[] codes = [.. RejectReasons.All.Select(r => r.Code())];
        var listReason = new Option<string?>("--reason") { Description = "Only this reason." };
        listReason.AcceptOnlyFromAmong(codes);
        var limit = new Option<int>("--limit") { Description = "At most this many.", DefaultValueFactory = _ => 100 };
        rejects.Subcommands.Add(Db(context, new Command("list", "List rejected receipts with their reason code.") { listReason, limit },
            (s, r) => OperatorCommands.ListRejectsAsync(s, RejectReasons.FromCode(r.GetValue(listReason)), r.GetValue(limit))));
        var id = new Option<long?>("--id") { Description = "The receipt id." };
        var requeueReason = new Option<string?>("--reason") { Description = "Every receipt rejected for this reason." };
        requeueReason.AcceptOnlyFromAmong(codes);
        rejects.Subcommands.Add(Db(context, new Command("requeue", "Put rejected receipts back in the queue after a fix (audited).") { id, requeueReason },
            (s, r) => OperatorCommands.RequeueRejectsAsync(s, r.GetValue(id), RejectReasons.FromCode(r.GetValue(requeueReason)), CommandContext.Actor)));
        return rejects;
    }

    private static Command Demo(CommandContext context)
    {
        var output = new Option<string>("--out") { Description = "Where to write the demo accounts and bureau keys.", Required = true };
        var voters = new Option<int>("--voters") { Description = "How many demo voters.", DefaultValueFactory = _ => 300 };
        return Db(context, new Command("demo", "Generate and load the demo election.") { output, voters },
            (s, r) => DemoElection.RunAsync(s, r.GetRequiredValue(output), r.GetValue(voters), CommandContext.Actor));
    }

    private static Command Proof()
    {
        var candidates = new Option<string>("--candidates") { Description = "An EML 230 file.", Required = true };
        var contest = new Option<string>("--contest") { Description = "The constituency id.", Required = true };
        var output = new Option<string>("--out") { Description = "The PDF to write.", Required = true };
        var language = new Option<string>("--language") { Description = "fr, nl, de or fr+nl.", DefaultValueFactory = _ => "fr" };
        var electionName = new Option<string?>("--election-name") { Description = "The election's name on the ballot." };
        var contestName = new Option<string?>("--contest-name") { Description = "The constituency's name on the ballot." };
        var date = new Option<DateOnly?>("--date") { Description = "The election day (YYYY-MM-DD), instead of the one in --election-event." };
        var electionEvent = new Option<string?>("--election-event") { Description = "The EML 110 file: the election's and constituency's names in the ballot's language, and the election day." };
        var command = new Command("proof-ballot", "Render a ballot from any EML 230 file, marked PROOF.") { candidates, contest, output, language, electionEvent, electionName, contestName, date };
        command.SetAction(r => ProofBallot.Run(new ProofOptions(r.GetRequiredValue(candidates), r.GetRequiredValue(contest), r.GetRequiredValue(output),
            r.GetRequiredValue(language), r.GetValue(electionName), r.GetValue(contestName), r.GetValue(date), r.GetValue(electionEvent))));
        return command;
    }

    private static Command Purge(CommandContext context)
    {
        var election = new Option<string?>("--election") { Description = "The election to purge; refused before its validation." };
        var due = new Option<bool>("--due") { Description = "Every election validated and not purged yet (the scheduled job)." };
        var command = new Command("purge", "Erase an election's voter data after its validation (NFR001, NFR011); the counts and the audit chain stay.") { election, due };
        command.Validators.Add(r =>
        {
            if ((r.GetResult(election) is null) == (r.GetResult(due) is null))
            {
                r.AddError("give --election ID or --due");
            }
        });
        return Db(context, command, (s, r) => OperatorCommands.PurgeAsync(s, r.GetValue(election), CommandContext.Actor));
    }

    private static Command Seats()
    {
        var seats = new Option<int>("--seats") { Description = "The seats to allocate.", Required = true };
        var threshold = new Option<int>("--threshold") { Description = "The threshold in percent of the valid votes (5 for the Chamber, 0 for none).", Required = true };
        var votes = new Option<string>("--votes") { Description = "A CSV file with the header list,votes and one row per list.", Required = true };
        var command = new Command("seats", "Allocate seats by D'Hondt with a threshold; prints '<list> <seats>' per list, then the step table.") { seats, threshold, votes };
        command.SetAction(r => SeatsCommand.Run(r.GetRequiredValue(seats), r.GetRequiredValue(threshold), r.GetRequiredValue(votes), Console.Out, Console.Error));
        return command;
    }

    private static Command ResultsExport(CommandContext context)
    {
        var election = new Option<string>("--election") { Description = "The election.", Required = true };
        var contest = new Option<string?>("--contest") { Description = "Only this constituency." };
        var output = new Option<string>("--out") { Description = "Where to write them (a directory per election is made in it).", Required = true };
        var command = new Command("results", "Export each constituency whose bureaus have all locked: EML 510 with its signature, the hybrid PVs, CSV and JSON; exit 1 when one is held back (embargo or bureaus not locked).")
        {
            election, contest, output,
        };
        return Db(context, command, (s, r) => ResultsCommand.RunAsync(s, r.GetRequiredValue(election), r.GetValue(contest), r.GetRequiredValue(output)));
    }

    private static BureauDuty ParseDuty(ArgumentResult result)
    {
        string text = result.Tokens.Single().Value;
        if (BureauDuties.FromCode(text) is { } duty)
        {
            return duty;
        }

        result.AddError($"'{text}' is not a duty: {string.Join(" or ", BureauDuties.All.Select(d => d.Code()))}");
        return default;
    }

    private static DateTimeOffset? ParseInstant(ArgumentResult result)
    {
        string text = result.Tokens.Single().Value;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        result.AddError($"'{text}' is not an ISO 8601 time (e.g. 2029-06-09T16:00:00Z)");
        return null;
    }
}
