using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Roadmap;

/// <summary>
/// Euros to the cent. Amounts stay <see cref="decimal"/> in the domain (exact, never binary floating point); storage
/// keeps whole cents (<see cref="ToCents"/>), which SQLite sums and compares exactly (docs/decisions/0013).
/// </summary>
public static class Money
{
    /// <summary>Larger than any Cité's budget by far, and far inside a 64-bit count of cents.</summary>
    public const decimal Max = 1_000_000_000m;

    /// <summary>Adds a French message on <paramref name="field"/> when the amount is negative, too large or finer than a cent.</summary>
    public static void Check(decimal amount, string field, string what, ValidationErrors errors)
    {
        if (amount < 0)
        {
            errors.Add(field, $"{what} ne peut pas être négatif ({Format(amount)}).");
        }
        else if (amount > Max)
        {
            errors.Add(field, $"{what} dépasse {Format(Max)} : vérifiez le montant.");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(field, $"{what} se saisit au centime près : deux décimales au plus ({amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
    }

    public static long ToCents(decimal amount) => decimal.ToInt64(decimal.Round(amount * 100m, 0, MidpointRounding.ToEven));

    /// <summary>The amount with exactly two decimals (1000.1 → 1000.10), so it reads the same stored, replayed or exported.</summary>
    public static decimal FromCents(long cents)
    {
        var magnitude = (ulong)Math.Abs(cents);
        return new decimal((int)(magnitude & 0xFFFFFFFF), (int)(magnitude >> 32), 0, cents < 0, 2);
    }

    /// <summary>A valid amount with exactly two decimals; an invalid one is left as typed for its refusal to quote it.</summary>
    public static decimal Normalize(decimal amount) =>
        decimal.Round(amount, 2) == amount && Math.Abs(amount) <= Max ? FromCents(ToCents(amount)) : amount;

    /// <summary>« 12 345,67 € » whatever the server's culture.</summary>
    public static string Format(decimal amount) =>
        amount.ToString("#,##0.00", French) + " €";

    private static readonly System.Globalization.NumberFormatInfo French = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = "\u202F",
        NegativeSign = "-",
    };
}
