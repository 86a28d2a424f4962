using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Web.Features.Referrals;

/// <summary>A choice of a list (a structure, a barrier): its value and what a person reads.</summary>
public sealed record ReferralChoice(string Value, string Label);

/// <summary>
/// What the « J'ai orienté une personne vers ce service » form needs: the service's barriers, the Cité's structures, the
/// structure proposed (the member's own, when their membership names one) and the days allowed.
/// </summary>
public sealed record ReferralForm(Guid ServiceId, string ServiceName, IReadOnlyList<ReferralChoice> Freins, IReadOnlyList<ReferralChoice> Structures,
    Guid? OwnStructureId, DateOnly Today, DateOnly Earliest);

/// <summary>One referral as the page lists it (no resident: there is nothing about them to show).</summary>
public sealed record ReferralRow(Guid Id, DateOnly Date, string? FreinCode, string Frein, Guid FromId, string From, Guid ToId, string To,
    Guid ServiceId, string Service, string Note, string RecordedBy, bool CanDelete);

/// <summary>How many referrals for a barrier.</summary>
public sealed record ReferralFreinCount(string Frein, int Count);

/// <summary>How many referrals from one structure to another.</summary>
public sealed record ReferralPairCount(string From, string To, int Count);

/// <summary>
/// The « Orientations » page for one period and its filters (plain data: it crosses from the prerender to the interactive
/// page): the referrals, their counts by barrier and by pair of structures, and the filters' choices.
/// </summary>
public sealed record ReferralsView(string PeriodCode, bool NotBegun, string? Frein, Guid? To, int InPeriod, IReadOnlyList<ReferralRow> Rows,
    IReadOnlyList<ReferralFreinCount> ByFrein, IReadOnlyList<ReferralPairCount> ByPair, IReadOnlyList<ReferralChoice> FreinChoices,
    IReadOnlyList<ReferralChoice> ReceivingChoices, bool CanRecord)
{
    public Period Period => Period.Parse(PeriodCode);
}
