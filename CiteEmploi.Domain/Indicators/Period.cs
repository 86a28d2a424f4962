using System.Globalization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Indicators;

/// <summary>How long a reporting period lasts.</summary>
public enum PeriodKind
{
    Trimestre,
    Semestre,
    Annee,
}

/// <summary>
/// A reporting period of the indicators: a quarter (« 2026-T1 »), a semester (« 2026-S1 ») or a year (« 2026 »). The
/// code is what is stored, typed and shown in files; <see cref="Label"/> is what a person reads. Any other form is refused.
/// </summary>
public readonly record struct Period
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>The longest code (« 2026-T1 »), for storage.</summary>
    public const int CodeMaxLength = 7;

    /// <summary>The field refusals are reported on.</summary>
    public const string Field = "Period";

    private Period(int year, PeriodKind kind, int number)
    {
        Year = year;
        Kind = kind;
        Number = number;
    }

    public int Year { get; }

    public PeriodKind Kind { get; }

    /// <summary>1–4 for a quarter, 1–2 for a semester, 1 for a year.</summary>
    public int Number { get; }

    public static Period Quarter(int year, int quarter) => Make(year, PeriodKind.Trimestre, quarter);

    public static Period Semester(int year, int semester) => Make(year, PeriodKind.Semestre, semester);

    public static Period OfYear(int year) => Make(year, PeriodKind.Annee, 1);

    /// <summary>The period of <paramref name="kind"/> a day falls in.</summary>
    public static Period Containing(DateOnly day, PeriodKind kind) => kind switch
    {
        PeriodKind.Trimestre => Quarter(day.Year, ((day.Month - 1) / 3) + 1),
        PeriodKind.Semestre => Semester(day.Year, day.Month <= 6 ? 1 : 2),
        _ => OfYear(day.Year),
    };

    /// <summary>« 2026-T1 », « 2026-S2 », « 2026 ».</summary>
    public string Code => Kind switch
    {
        PeriodKind.Trimestre => string.Create(CultureInfo.InvariantCulture, $"{Year}-T{Number}"),
        PeriodKind.Semestre => string.Create(CultureInfo.InvariantCulture, $"{Year}-S{Number}"),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>« 1er trimestre 2026 », « 2e semestre 2026 », « année 2026 ».</summary>
    public string Label => Kind switch
    {
        PeriodKind.Trimestre => $"{Ordinal(Number)} trimestre {Year}",
        PeriodKind.Semestre => $"{Ordinal(Number)} semestre {Year}",
        _ => $"année {Year}",
    };

    /// <summary>The first day.</summary>
    public DateOnly Start => new(Year, Kind switch
    {
        PeriodKind.Trimestre => ((Number - 1) * 3) + 1,
        PeriodKind.Semestre => Number == 1 ? 1 : 7,
        _ => 1,
    }, 1);

    /// <summary>The last day.</summary>
    public DateOnly End => Kind switch
    {
        PeriodKind.Trimestre => Start.AddMonths(3).AddDays(-1),
        PeriodKind.Semestre => Start.AddMonths(6).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>Whether <paramref name="other"/> lies inside this period (itself included: a year contains its quarters).</summary>
    public bool Contains(Period other) => other.Start >= Start && other.End <= End;

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>The period of the same kind just before.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Trimestre => Number == 1 ? Quarter(Year - 1, 4) : Quarter(Year, Number - 1),
        PeriodKind.Semestre => Number == 1 ? Semester(Year - 1, 2) : Semester(Year, 1),
        _ => OfYear(Year - 1),
    };

    /// <summary>This period and the <paramref name="count"/> − 1 before it, oldest first (a chart's axis).</summary>
    public IReadOnlyList<Period> LastOnes(int count)
    {
        var periods = new List<Period> { this };
        while (periods.Count < count && periods[^1].Year > MinYear)
        {
            periods.Add(periods[^1].Previous());
        }
        periods.Reverse();
        return periods;
    }

    /// <summary>Reads a code as people type it (spaces, lower case tolerated); the French reason when it is not a period.</summary>
    public static bool TryParse(string? text, out Period period, out string? error)
    {
        period = default;
        error = null;
        var code = new string([.. (text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
        if (code.Length == 0)
        {
            error = "Choisissez une période : un trimestre (2026-T1), un semestre (2026-S1) ou une année (2026).";
            return false;
        }
        var yearPart = code.Length >= 4 ? code[..4] : code;
        if (!int.TryParse(yearPart, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || yearPart.Length != 4
            || !(code.Length == 4 || (code.Length == 7 && code[4] == '-' && (code[5] == 'T' || code[5] == 'S') && char.IsAsciiDigit(code[6]))))
        {
            error = $"« {Echo(text)} » n'est pas une période : écrivez 2026-T1 (trimestre), 2026-S1 (semestre) ou 2026 (année).";
            return false;
        }
        if (year < MinYear || year > MaxYear)
        {
            error = $"L'année d'une période va de {MinYear} à {MaxYear} ({year} donnée).";
            return false;
        }
        if (code.Length == 4)
        {
            period = OfYear(year);
            return true;
        }
        var number = code[6] - '0';
        var kind = code[5] == 'T' ? PeriodKind.Trimestre : PeriodKind.Semestre;
        var max = kind == PeriodKind.Trimestre ? 4 : 2;
        if (number < 1 || number > max)
        {
            error = kind == PeriodKind.Trimestre
                ? $"Un trimestre va de T1 à T4 (« {Echo(text)} » donné)."
                : $"Un semestre est S1 ou S2 (« {Echo(text)} » donné).";
            return false;
        }
        period = new Period(year, kind, number);
        return true;
    }

    /// <summary>The period of a code.</summary>
    /// <exception cref="DomainValidationException">Not a period, with the French reason on <see cref="Field"/>.</exception>
    public static Period Parse(string? text)
    {
        if (!TryParse(text, out var period, out var error))
        {
            ValidationErrors.Refuse(Field, error!);
        }
        return period;
    }

    public override string ToString() => Code;

    private static Period Make(int year, PeriodKind kind, int number)
    {
        var max = kind switch { PeriodKind.Trimestre => 4, PeriodKind.Semestre => 2, _ => 1 };
        if (year < MinYear || year > MaxYear || number < 1 || number > max)
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"{kind} {number} de {year} n'existe pas.");
        }
        return new Period(year, kind, number);
    }

    private static string Ordinal(int number) => number == 1 ? "1er" : $"{number}e";

    private static string Echo(string? text)
    {
        var clean = Text.Clean(text);
        return clean.Length > 20 ? clean[..20] + "…" : clean;
    }
}
