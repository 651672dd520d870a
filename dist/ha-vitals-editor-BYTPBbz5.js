import{i as e,a as t,b as s}from"./ha-vitals.js";function o(e){const t={};for(const[s,o]of Object.entries(e))void 0!==o&&""!==o&&null!==o&&(t[s]=o);return t}class a extends t{constructor(){super(...arguments),this.helpers={},this.computeLabel=e=>this.labels[e.name]??e.name,this.computeHelper=e=>this.helpers[e.name]}setConfig(e){this._config=e}get config(){return this._config}render(){return this._config?s`
      <ha-form
        .hass=${this.hass}
        .data=${this.toFormData(this._config)}
        .schema=${this.schema}
        .computeLabel=${this.computeLabel}
        .computeHelper=${this.computeHelper}
        @value-changed=${this.onValueChanged}
      >
        <p class="fallback">The visual editor needs Home Assistant's form elements; edit the card in the code editor.</p>
      </ha-form>
    `:s``}onValueChanged(e){if(e.stopPropagation(),!this._config)return;const t=this.fromFormData(e.detail.value,this._config);this._config=t,function(e,t){e.dispatchEvent(new CustomEvent("config-changed",{detail:{config:t},bubbles:!0,composed:!0}))}(this,t)}}a.properties={hass:{attribute:!1},_config:{state:!0}},a.styles=e`
    :host {
      display: block;
    }
    .fallback {
      color: var(--secondary-text-color, #727272);
      margin: 8px 0;
    }
  `;export{a as V,o as c};
