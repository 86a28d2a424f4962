namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>The feuilles de route of a Cité (filled in the next commit).</summary>
public sealed class PlanService;
