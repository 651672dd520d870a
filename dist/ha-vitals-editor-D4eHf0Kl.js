import{i as t,a as e,b as s}from"./ha-vitals.js";function i(t){const e={};for(const[s,i]of Object.entries(t))void 0!==i&&""!==i&&null!==i&&(e[s]=i);return e}function o(t,e,s){const i={...t};for(const[t,o]of Object.entries(s))!(t in e)&&t in i&&JSON.stringify(i[t])===JSON.stringify(o)&&delete i[t];return i}class n extends e{constructor(){super(...arguments),this.helpers={},this.defaults={},this.computeLabel=t=>this.labels[t.name]??t.name,this.computeHelper=t=>this.helpers[t.name]}setConfig(t){this._config=t}get config(){return this._config}render(){return this._config?s`
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
    `:s``}onValueChanged(t){if(t.stopPropagation(),!this._config)return;const e=o(this.fromFormData(t.detail.value,this._config),this._config,this.defaults);this._config=e,function(t,e){t.dispatchEvent(new CustomEvent("config-changed",{detail:{config:e},bubbles:!0,composed:!0}))}(this,e)}}n.properties={hass:{attribute:!1},_config:{state:!0}},n.styles=t`
    :host {
      display: block;
    }
    .fallback {
      color: var(--secondary-text-color, #727272);
      margin: 8px 0;
    }
  `;export{n as V,i as c,o as d};
