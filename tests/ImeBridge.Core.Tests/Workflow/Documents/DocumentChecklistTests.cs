using System.Text;
using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Documents;

namespace ImeBridge.Core.Tests.Workflow.Documents;

/// <summary>The shipped checklist: which documents each kind of exam waits for, and why.</summary>
public sealed class DocumentChecklistTests
{
    private static readonly DocumentChecklist Checklist = DocumentChecklist.Embedded;

    internal static Referral Referral(string examType = "ime", string? reason = "mmiImpairment", string lineOfBusiness = "workersComp", string referrerKind = "insurer") => new()
    {
        Referrer = new Referrer { Kind = referrerKind, Organization = "Acme" },
        Claim = new Claim { LineOfBusiness = lineOfBusiness, Jurisdiction = "NY" },
        Request = new ExamRequest { ExamType = examType, Reason = reason },
    };

    private static string[] Required(Referral referral) => [.. Checklist.RequiredFor(referral).Select(r => r.Kind)];

    [Fact]
    public void An_in_person_workers_comp_exam_for_an_insurer_waits_for_the_medical_records_only()
    {
        Assert.Equal(["medicalRecords"], Required(Referral()));
    }

    [Theory]
    [InlineData("causation")]
    [InlineData("diagnosis")]
    [InlineData("mmiImpairment")]
    public void A_records_review_of_causation_diagnosis_or_impairment_also_waits_for_the_imaging(string reason)
    {
        Assert.Equal(["medicalRecords", "imaging"], Required(Referral("recordsReview", reason)));
    }

    [Fact]
    public void A_records_review_of_treatment_necessity_does_not_wait_for_imaging()
    {
        Assert.Equal(["medicalRecords"], Required(Referral("recordsReview", "treatmentNecessity")));
    }

    [Fact]
    public void An_addendum_waits_for_the_report_it_amends_and_not_for_records()
    {
        Assert.Equal(["priorReport"], Required(Referral("addendum", reason: null)));
    }

    [Fact]
    public void An_attorney_referral_waits_for_the_engagement_letter_the_same_exam_for_an_insurer_does_not()
    {
        Assert.Contains("legalLetter", Required(Referral(referrerKind: "attorney")));
        Assert.DoesNotContain("legalLetter", Required(Referral(referrerKind: "insurer")));
    }

    [Fact]
    public void A_liability_exam_or_one_the_law_requires_waits_for_the_order_that_compels_it()
    {
        Assert.Equal(["medicalRecords", "legalLetter"], Required(Referral(lineOfBusiness: "liability", reason: "causation")));
        Assert.Equal(["medicalRecords", "legalLetter"], Required(Referral(reason: "legalRequirement")));
    }

    [Fact]
    public void A_kind_two_rules_require_is_listed_once_with_both_rules()
    {
        var required = Checklist.RequiredFor(Referral(lineOfBusiness: "liability", referrerKind: "attorney"));

        var legal = Assert.Single(required, r => r.Kind == "legalLetter");
        Assert.Equal(["legal.attorney", "legal.order"], legal.RuleIds);
    }

    [Fact]
    public void A_disability_return_to_work_exam_waits_for_the_carriers_questionnaire_a_workers_comp_one_does_not()
    {
        Assert.Equal(["medicalRecords", "questionnaire"], Required(Referral(reason: "returnToWork", lineOfBusiness: "disability")));
        Assert.Equal(["medicalRecords"], Required(Referral(reason: "returnToWork", lineOfBusiness: "workersComp")));
    }

    [Fact]
    public void A_referral_without_a_reason_is_not_matched_by_rules_that_name_reasons()
    {
        Assert.Equal(["medicalRecords"], Required(Referral("recordsReview", reason: null)));
    }

    [Fact]
    public void The_checklist_lists_what_is_missing_and_is_complete_once_every_required_kind_is_present()
    {
        var referral = Referral("recordsReview", "causation", referrerKind: "attorney");

        var partial = Checklist.Evaluate(referral, ["imaging", "other"]);
        var complete = Checklist.Evaluate(referral, ["legalLetter", "imaging", "medicalRecords", "medicalRecords"]);

        Assert.False(partial.IsComplete);
        Assert.Equal(["medicalRecords", "legalLetter"], partial.Missing);
        Assert.Equal(["imaging", "other"], partial.Present);
        Assert.True(complete.IsComplete);
        Assert.Empty(complete.Missing);
    }

    [Fact]
    public void Every_shipped_rule_names_a_schema_kind_and_says_why()
    {
        Assert.All(Checklist.Rules, rule =>
        {
            Assert.Contains(rule.Kind, DocumentKinds.All);
            Assert.True(rule.Description.Length > 40, $"rule {rule.Id} should explain itself");
        });
    }

    [Fact]
    public void The_kinds_are_those_of_the_referral_schema()
    {
        Assert.Equal(["referralLetter", "medicalRecords", "imaging", "legalLetter", "priorReport", "questionnaire", "other"], DocumentKinds.All);
        Assert.False(DocumentKinds.IsKnown("MedicalRecords"));
    }

    [Fact]
    public void A_checklist_naming_a_kind_the_schema_does_not_know_is_refused()
    {
        const string json = """
            { "rules": [ { "id": "x", "kind": "xrays", "description": "d", "requiredWhen": [ {} ] } ],
              "emphasis": { "byReason": {}, "default": "d" } }
            """;

        var error = Assert.Throws<InvalidOperationException>(() => DocumentChecklist.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("'xrays'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cover_asks_the_examiner_to_emphasise_what_the_reason_calls_for()
    {
        Assert.Contains("maximum medical improvement", Checklist.EmphasisFor("mmiImpairment"), StringComparison.Ordinal);
        Assert.Contains("causally related", Checklist.EmphasisFor("causation"), StringComparison.Ordinal);
        Assert.Equal(Checklist.EmphasisFor("other"), Checklist.EmphasisFor(null));
    }
}
