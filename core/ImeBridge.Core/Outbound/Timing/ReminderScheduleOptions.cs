using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Outbound.Timing;

/// <summary>
/// The reminder schedule as configuration binds it, per partner or as the default:
/// <c>"Offsets": ["7d", "72h", "24h", "2h"]</c>. Validated by <see cref="ReminderScheduleOptionsValidator"/>.
/// </summary>
public sealed class ReminderScheduleOptions
{
    public static readonly IReadOnlyList<string> DefaultOffsets = ["7d", "72h", "24h", "2h"];

    /// <summary>How long before the appointment each reminder goes; see <see cref="ReminderOffsets.Parse"/>.</summary>
    public IList<string> Offsets { get; } = [.. DefaultOffsets];

    /// <summary>The checked schedule; throws <see cref="OptionsValidationException"/> naming the bad entry.</summary>
    public ReminderSchedule ToSchedule()
    {
        var failures = ReminderScheduleOptionsValidator.Failures(this);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(ReminderScheduleOptions), typeof(ReminderScheduleOptions), failures);
        }

        return new ReminderSchedule(Offsets.Select(o => ReminderOffsets.Parse(o)!.Value));
    }
}

/// <summary>Every offset must parse, be positive and appear once (<c>72h</c> and <c>3d</c> are the same offset).</summary>
public sealed class ReminderScheduleOptionsValidator : IValidateOptions<ReminderScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static List<string> Failures(ReminderScheduleOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<TimeSpan>();
        for (var i = 0; i < options.Offsets.Count; i++)
        {
            var offset = ReminderOffsets.Parse(options.Offsets[i]);
            if (offset is null)
            {
                failures.Add($"Offsets[{i}]: '{options.Offsets[i]}' is not an offset; write 7d, 72h, 90m or 02:00:00");
            }
            else if (offset <= TimeSpan.Zero)
            {
                failures.Add($"Offsets[{i}]: '{options.Offsets[i]}' must be positive");
            }
            else if (!seen.Add(offset.Value))
            {
                failures.Add($"Offsets[{i}]: '{options.Offsets[i]}' repeats an earlier offset");
            }
        }

        return failures;
    }
}
